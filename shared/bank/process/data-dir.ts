import { mkdir } from 'node:fs/promises'
import { DataDirBusyError, lockDataDir, type DataDirLock } from '../../runtime/data-dir-lock.js'
import { DataFileError } from '../store/store.js'

/**
 * Makes the bank's data folder if needed and takes it for this process, so two copies of the app
 * never share (and overwrite) `bank.json` and `sandbox.json`. Throws `DataDirBusyError` while
 * another copy runs on it, and a {@link DataFileError} naming `DATA_DIR` when the folder cannot be
 * made or written.
 *
 * @example
 * const lock = await openDataDir(config.dataDir)
 * // … on close:
 * await lock.release()
 */
export async function openDataDir(dir: string): Promise<DataDirLock> {
  try {
    await mkdir(dir, { recursive: true })
    return await lockDataDir({ dir, variable: 'DATA_DIR' })
  } catch (error) {
    if (error instanceof DataDirBusyError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (!code) throw error
    throw new DataFileError(dir, REASONS[code] ?? `it cannot be used (${code})`, { folder: true })
  }
}

const REASONS: Record<string, string> = {
  EEXIST: 'it is a file, not a folder',
  ENOTDIR: 'part of its path is a file, not a folder',
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  EROFS: 'it is on a read-only disk',
  ENOSPC: 'the disk is full',
}
