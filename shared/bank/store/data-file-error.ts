/**
 * The bank's data file exists but cannot be used, or its folder (`DATA_DIR`) cannot be made or
 * written; either way it was left untouched.
 */
export class DataFileError extends Error {
  constructor(
    /** The file, or the folder when `options.folder` is set. */
    readonly file: string,
    reason: string,
    /** `folder`: a folder, not a file; `userFile`: one user's file, not the whole bank. */
    options: { folder?: boolean; userFile?: boolean } = {}
  ) {
    super(
      options.folder
        ? `The data folder ${file} cannot be used: ${reason}. Set DATA_DIR to a folder this user ` +
            'can write to, e.g. DATA_DIR=.data/mine in .env or before the command.'
        : `The data file ${file} cannot be used: ${reason}. It was left untouched. ` +
            `Move it away (for example \`mv "${file}" "${file}.broken"\`) and start again: ` +
            (options.userFile
              ? 'the app then starts without the records it holds.'
              : 'the app then starts with no users and no transfers.')
    )
    this.name = 'DataFileError'
  }
}
