import { mkdir, readFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { LowSync } from 'lowdb'
import { JSONFile, JSONFileSync } from 'lowdb/node'
import type { SignIn } from '../../model/sign-in.js'
import { isDecision, type Transfer } from '../../model/transfer.js'
import type { TransferStatusStore } from '../../steps/contracts.js'
import {
  BANK_INDEX,
  readUserFiles,
  userFileName,
  usersFolder,
  USERS_FOLDER,
} from './bank-files.js'
import { bankRecords, userFile } from './bank-records.js'
import { DataFileError } from './data-file-error.js'
import { signInRecords, type SignInRecords } from './sign-in-records.js'
import { splitBankFile } from './split-bank-file.js'
import type { StoreContext } from './store-context.js'
import { bankIndexSchema, firstIssue, readBankData, type UserRecordsFile } from './store-schema.js'
import { transferRecords, type TransferRecords } from './transfer-records.js'
import { userRecords, type UserRecords } from './user-records.js'

/** Milliseconds since the epoch. */
export type Clock = () => number

export { DataFileError } from './data-file-error.js'

/**
 * Users, sessions, transfers and sign-ins: each user's records in a lowdb file of their own
 * (`bank-users/<id>.json`), `bank.json` naming that folder. All of it is held in memory, with the
 * lookups the pages and callbacks need; a change writes only its user's file, at once and whole (a
 * new file renamed over the old one), so a write costs the same in a bank of 10 transfers or
 * 50,000. A change resolves once it is on disk. `saveStatus` (what steps 3 and 4 call) decides the transfer or the
 * sign-in whose approval request has that uuid.
 */
export interface BankStore extends UserRecords, TransferRecords, SignInRecords, TransferStatusStore {
  /** `bank.json`. */
  readonly file: string
  /** What was changed in an older data file when it was opened, to say so; else undefined. */
  readonly migrated: string | undefined
  /** Resolves when every write started so far is on disk (each is, by the time its change resolves). */
  flush(): Promise<void>
  /** Releases the files. */
  close(): Promise<void>
}

const openFiles = new Set<string>()

/**
 * Opens (or creates) the bank's data: `bank.json` and the users' files beside it. Refuses an
 * unreadable or invalid file with a {@link DataFileError} and never overwrites it. Splits a
 * `bank.json` of an older version (the whole bank in one file) into the users' files, keeping the
 * original beside it (`bank.json.version-2`, or `bank.json.module-1`). One store per bank per
 * process.
 *
 * @example
 * const store = await openBankStore({ file: '.data/solution/bank.json' })
 * store.transfersWithStatus('pending')
 */
export async function openBankStore(options: { file: string; clock?: Clock }): Promise<BankStore> {
  const file = resolve(options.file)
  const clock = options.clock ?? Date.now
  if (openFiles.has(file)) {
    throw new Error(`${file} is already open in this process: use the one store for it.`)
  }

  await mkdir(dirname(file), { recursive: true })
  const migrated = await bringUpToDate(file)
  const folder = usersFolder(file)
  await mkdir(folder, { recursive: true })
  const records = bankRecords(await readUserFiles(folder))
  openFiles.add(file)

  // Not JSONFilePreset: it silently swaps to memory when NODE_ENV is 'test' (vitest). Written
  // at once (a new file renamed over the old one): a user's file is small, and a write that
  // waits for the thread pool waits behind everything else the process does.
  const dbs = new Map<string, LowSync<UserRecordsFile>>()
  const dbOf = (userId: string) => {
    let db = dbs.get(userId)
    if (!db) {
      const data = userFile(records, userId)
      db = new LowSync(new JSONFileSync<UserRecordsFile>(join(folder, userFileName(userId))), data)
      dbs.set(userId, db)
    }
    return db
  }
  let closed = false
  const ctx: StoreContext = {
    records,
    now: () => new Date(clock()).toISOString(),
    async save(userId) {
      if (closed) throw new Error(`The store for ${file} is closed.`)
      dbOf(userId).write()
    },
  }
  const transferListeners = new Set<(transfer: Transfer) => void>()
  const signInListeners = new Set<(signIn: SignIn) => void>()
  const { decide: decideTransfer, ...transfers } = transferRecords(ctx, transferListeners)
  const { decide: decideSignIn, ...signIns } = signInRecords(ctx, signInListeners)

  return {
    file,
    migrated,
    ...userRecords(ctx),
    ...transfers,
    ...signIns,

    async saveStatus(approvalUuid, status) {
      if (typeof approvalUuid !== 'string' || !isDecision(status)) return false
      return (await decideTransfer(approvalUuid, status)) || decideSignIn(approvalUuid, status)
    },

    async flush() {
      // Every write is on disk when its change resolves.
    },

    async close() {
      if (closed) return
      closed = true
      transferListeners.clear()
      signInListeners.clear()
      openFiles.delete(file)
    },
  }
}

// Reads bank.json: a bank of today's layout is left as it is, a new one gets its index, and one of
// an older version is split into the users' files. Says what changed, if anything.
async function bringUpToDate(file: string): Promise<string | undefined> {
  // Read here, not with lowdb: it keeps its defaults for any falsy content (`null`, `0`, `false`,
  // `""`), and the next write would replace the file. Only a missing file is a new bank.
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') {
      throw new DataFileError(file, `it cannot be read (${code ?? (error as Error).message})`)
    }
    await new JSONFile(file).write(BANK_INDEX)
    return undefined
  }
  let content: unknown
  try {
    content = JSON.parse(text)
  } catch (error) {
    throw new DataFileError(file, `it is not valid JSON (${(error as Error).message})`)
  }
  const version = (content as { version?: unknown } | null)?.version
  if (version === BANK_INDEX.version) {
    const index = bankIndexSchema.safeParse(content)
    if (!index.success) {
      throw new DataFileError(file, `it is not a bank data file (${firstIssue(index.error)})`)
    }
    return undefined
  }
  const read = readBankData(content)
  if (!read.success) {
    throw new DataFileError(file, `it is not a bank data file (${read.problem})`)
  }
  let copy: string
  try {
    const from = version === 1 ? 1 : 2
    copy = await splitBankFile({ indexFile: file, text, data: read.data, version: from })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error
    const reason = `it cannot be split into the users' files: ${(error as Error).message}`
    throw new DataFileError(file, reason)
  }
  const split =
    `bank.json now keeps each user's records in a file of their own, in ${USERS_FOLDER}/ ` +
    `(the old file is kept as ${basename(copy)}).`
  return read.migrated ? `${read.migrated} ${split}` : split
}
