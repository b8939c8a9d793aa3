import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type { SignIn } from '../../model/sign-in.js'
import { isDecision, type Transfer } from '../../model/transfer.js'
import type { TransferStatusStore } from '../../steps/contracts.js'
import { signInRecords, type SignInRecords } from './sign-in-records.js'
import type { StoreContext } from './store-context.js'
import { emptyBankData, readBankData, type BankData } from './store-schema.js'
import { transferRecords, type TransferRecords } from './transfer-records.js'
import { userRecords, type UserRecords } from './user-records.js'

/** Milliseconds since the epoch. */
export type Clock = () => number

/**
 * The bank's data file exists but cannot be used, or its folder (`DATA_DIR`) cannot be made or
 * written; either way it was left untouched.
 */
export class DataFileError extends Error {
  constructor(
    /** The file, or the folder when `options.folder` is set. */
    readonly file: string,
    reason: string,
    options: { folder?: boolean } = {}
  ) {
    super(
      options.folder
        ? `The data folder ${file} cannot be used: ${reason}. Set DATA_DIR to a folder this user ` +
            'can write to, e.g. DATA_DIR=.data/mine in .env or before the command.'
        : `The data file ${file} cannot be used: ${reason}. It was left untouched. ` +
            `Move it away (for example \`mv "${file}" "${file}.broken"\`) and start again: ` +
            'the app then starts with no users and no transfers.'
    )
    this.name = 'DataFileError'
  }
}

/**
 * Users, sessions, transfers and sign-ins, kept in one lowdb JSON file. Every write is awaited.
 * `saveStatus` (what steps 3 and 4 call) decides the transfer or the sign-in whose approval
 * request has that uuid.
 */
export interface BankStore extends UserRecords, TransferRecords, SignInRecords, TransferStatusStore {
  readonly file: string
  /** What was changed in an older data file when it was opened, to say so; else undefined. */
  readonly migrated: string | undefined
  /** Resolves when every write started so far is on disk. */
  flush(): Promise<void>
  /** Flushes and releases the file. */
  close(): Promise<void>
}

const openFiles = new Set<string>()

/**
 * Opens (or creates) the bank's data file. Refuses an unreadable or invalid file with a
 * {@link DataFileError} and never overwrites it; brings an older format up to date, keeping the
 * original beside it (`bank.json.module-1`). One store per file per process.
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
  // Read here, not with db.read(): lowdb keeps its defaults for any falsy content (`null`, `0`,
  // `false`, `""`), and the next write would replace the file. Only a missing file is a new bank.
  let text: string | undefined
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') {
      throw new DataFileError(file, `it cannot be read (${code ?? (error as Error).message})`)
    }
  }
  let content: unknown = emptyBankData()
  if (text !== undefined) {
    try {
      content = JSON.parse(text)
    } catch (error) {
      throw new DataFileError(file, `it is not valid JSON (${(error as Error).message})`)
    }
  }
  const read = readBankData(content)
  if (!read.success) {
    throw new DataFileError(file, `it is not a bank data file (${read.problem})`)
  }
  if (read.migrated) await copyFile(file, `${file}.module-1`)
  // Not JSONFilePreset: it silently swaps to memory when NODE_ENV is 'test' (vitest).
  const db = new Low<BankData>(new JSONFile(file), read.data)
  openFiles.add(file)

  let writes: Promise<void> = Promise.resolve()
  let closed = false
  const ctx: StoreContext = {
    data: db.data,
    now: () => new Date(clock()).toISOString(),
    async save() {
      if (closed) throw new Error(`The store for ${file} is closed.`)
      const write = db.write()
      writes = write.catch(() => undefined)
      await write
    },
  }
  const transferListeners = new Set<(transfer: Transfer) => void>()
  const signInListeners = new Set<(signIn: SignIn) => void>()
  const { decide: decideTransfer, ...transfers } = transferRecords(ctx, transferListeners)
  const { decide: decideSignIn, ...signIns } = signInRecords(ctx, signInListeners)

  if (text === undefined || read.migrated) await ctx.save()

  return {
    file,
    migrated: read.migrated,
    ...userRecords(ctx),
    ...transfers,
    ...signIns,

    async saveStatus(approvalUuid, status) {
      if (typeof approvalUuid !== 'string' || !isDecision(status)) return false
      return (await decideTransfer(approvalUuid, status)) || decideSignIn(approvalUuid, status)
    },

    async flush() {
      await writes
    },

    async close() {
      if (closed) return
      await writes
      closed = true
      transferListeners.clear()
      signInListeners.clear()
      openFiles.delete(file)
    },
  }
}
