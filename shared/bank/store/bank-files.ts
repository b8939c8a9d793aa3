import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { DataFileError } from './data-file-error.js'
import {
  firstIssue,
  userRecordsFileSchema,
  type BankIndex,
  type UserRecordsFile,
} from './store-schema.js'

/** The folder of the users' files, beside `bank.json`. */
export const USERS_FOLDER = 'bank-users'

/**
 * What `bank.json` holds since version 3: the folder of the users' files. It changes only when the
 * layout does, so no write of a record ever touches it.
 */
export const BANK_INDEX: BankIndex = { version: 3, users: USERS_FOLDER }

/**
 * The folder of the users' files of the bank whose `bank.json` this is.
 *
 * @example
 * usersFolder('.data/solution/bank.json') // '.data/solution/bank-users'
 */
export function usersFolder(indexFile: string): string {
  return join(dirname(indexFile), USERS_FOLDER)
}

/**
 * The file name of a user's records: the id itself when it is a usual one (letters, digits, `-`
 * and `_`, as `newId` makes them), otherwise the SHA-256 of the id, so that any id gives a name
 * of its own that every file system accepts.
 *
 * @example
 * userFileName('k3J9x0aQ2mZ1b7Vt') // 'k3J9x0aQ2mZ1b7Vt.json'
 */
export function userFileName(userId: string): string {
  if (/^[A-Za-z0-9_-]{8,64}$/.test(userId)) return `${userId}.json`
  return `${createHash('sha256').update(userId).digest('hex')}.json`
}

/**
 * Reads every user's file in the folder (none when there is no folder), checking each: a file
 * that cannot be read, is not JSON, is not a user's file or is not under its user's name is
 * refused with a {@link DataFileError} naming it, and left as it is. Files whose name starts with
 * a dot (a write in progress, a note) are not users' files.
 *
 * @example
 * const files = await readUserFiles('.data/solution/bank-users')
 */
export async function readUserFiles(folder: string): Promise<UserRecordsFile[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new DataFileError(folder, `it cannot be read (${errorCode(error)})`, { folder: true })
  }
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort()
  return inBatches(files, (name) => readUserFile(join(folder, name)))
}

async function readUserFile(file: string): Promise<UserRecordsFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new DataFileError(file, `it cannot be read (${errorCode(error)})`, USER_FILE)
  }
  let content: unknown
  try {
    content = JSON.parse(text)
  } catch (error) {
    throw new DataFileError(file, `it is not valid JSON (${(error as Error).message})`, USER_FILE)
  }
  const parsed = userRecordsFileSchema.safeParse(content)
  if (!parsed.success) {
    const problem = firstIssue(parsed.error)
    throw new DataFileError(file, `it is not a bank user's file (${problem})`, USER_FILE)
  }
  if (userFileName(parsed.data.userId) !== basename(file)) {
    throw new DataFileError(
      file,
      `it holds the records of user ${parsed.data.userId}, whose file is ` +
        userFileName(parsed.data.userId),
      USER_FILE
    )
  }
  return parsed.data
}

/**
 * Runs `task` on every item, a few at a time, and gives the results in the items' order.
 *
 * @example
 * await inBatches(names, (name) => readFile(name, 'utf8'))
 */
export async function inBatches<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += AT_ONCE) {
    results.push(...(await Promise.all(items.slice(start, start + AT_ONCE).map(task))))
  }
  return results
}

const USER_FILE = { userFile: true }

// Enough to keep the disk busy, few enough to stay far from the open-files limit.
const AT_ONCE = 32

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message
}
