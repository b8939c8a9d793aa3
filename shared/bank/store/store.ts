import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import {
  isDecision,
  isFinal,
  type Transfer,
  type TransferProblem,
  type TransferStatus,
} from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import type { TransferStatusStore } from '../../steps/contracts.js'
import { bankDataSchema, emptyBankData, type BankData } from './store-schema.js'

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

/** Users, sessions and transfers, kept in one lowdb JSON file. Every write is awaited. */
export interface BankStore extends TransferStatusStore {
  readonly file: string
  addUser(user: User): Promise<void>
  getUser(id: string): User | undefined
  /** Binds a (new) session id to a user. */
  bindSession(sessionId: string, userId: string): Promise<void>
  userOfSession(sessionId: string): User | undefined
  endSession(sessionId: string): Promise<void>
  addTransfer(transfer: Transfer): Promise<void>
  /** The transfer with this id, only if it belongs to this user. */
  getTransfer(id: string, userId: string): Transfer | undefined
  /** The transfer with this id, whoever it belongs to: for tools and tests, never for a page. */
  findTransfer(id: string): Transfer | undefined
  findTransferByRequest(userId: string, requestId: string): Transfer | undefined
  findTransferByUuid(approvalUuid: string): Transfer | undefined
  /** This user's transfers, newest first. */
  transfersOf(userId: string): Transfer[]
  /**
   * The transfers of every user registered with this Authy id, newest first: one phone, however
   * many browsers registered it.
   */
  transfersOfAuthyId(authyId: number): Transfer[]
  transfersWithStatus(status: TransferStatus): Transfer[]
  /** `sending` → `pending`, with the approval request's uuid and expiry. */
  markSent(
    id: string,
    sent: { approvalUuid: string; expiresAt: string }
  ): Promise<Transfer | undefined>
  /** `sending` or `pending` → `failed`, with the reason. */
  markFailed(id: string, problem: Omit<TransferProblem, 'at'>): Promise<Transfer | undefined>
  /** Shows (or clears, with null) a problem on a transfer that is not final yet. */
  setProblem(id: string, problem: Omit<TransferProblem, 'at'> | null): Promise<Transfer | undefined>
  /** Calls `listener` after every stored change of a transfer. Returns the unsubscribe function. */
  onTransferChange(listener: (transfer: Transfer) => void): () => void
  /** Resolves when every write started so far is on disk. */
  flush(): Promise<void>
  /** Flushes and releases the file. */
  close(): Promise<void>
}

const openFiles = new Set<string>()

/**
 * Opens (or creates) the bank's data file. Refuses an unreadable or invalid file with a
 * {@link DataFileError} and never overwrites it. One store per file per process.
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
  const parsed = bankDataSchema.safeParse(content)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    throw new DataFileError(file, `it is not a bank data file (${issue?.message}${where})`)
  }
  // Not JSONFilePreset: it silently swaps to memory when NODE_ENV is 'test' (vitest).
  const db = new Low<BankData>(new JSONFile(file), parsed.data)
  openFiles.add(file)

  const data = db.data
  const listeners = new Set<(transfer: Transfer) => void>()
  let writes: Promise<void> = Promise.resolve()
  let closed = false

  const save = async () => {
    if (closed) throw new Error(`The store for ${file} is closed.`)
    const write = db.write()
    writes = write.catch(() => undefined)
    await write
  }
  const now = () => new Date(clock()).toISOString()
  const copy = <T>(value: T): T => structuredClone(value)
  const findById = (id: string) => data.transfers.find((transfer) => transfer.id === id)
  const changed = async (transfer: Transfer) => {
    await save()
    const snapshot = copy(transfer)
    for (const listener of listeners) listener(snapshot)
    return snapshot
  }
  const hash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex')
  const getUser = (id: string) => {
    const user = data.users.find((candidate) => candidate.id === id)
    return user && copy(user)
  }

  if (text === undefined) await save()

  return {
    file,

    async addUser(user) {
      data.users.push(copy(user))
      await save()
    },

    getUser,

    async bindSession(sessionId, userId) {
      data.sessions.push({ idHash: hash(sessionId), userId, createdAt: now() })
      await save()
    },

    userOfSession(sessionId) {
      const idHash = hash(sessionId)
      const session = data.sessions.find((candidate) => candidate.idHash === idHash)
      return session && getUser(session.userId)
    },

    async endSession(sessionId) {
      const idHash = hash(sessionId)
      const index = data.sessions.findIndex((candidate) => candidate.idHash === idHash)
      if (index === -1) return
      data.sessions.splice(index, 1)
      await save()
    },

    async addTransfer(transfer) {
      const stored = copy(transfer)
      data.transfers.push(stored)
      await changed(stored)
    },

    getTransfer(id, userId) {
      const transfer = findById(id)
      return transfer && transfer.userId === userId ? copy(transfer) : undefined
    },

    findTransfer(id) {
      const transfer = findById(id)
      return transfer && copy(transfer)
    },

    findTransferByRequest(userId, requestId) {
      const transfer = data.transfers.find(
        (candidate) => candidate.userId === userId && candidate.requestId === requestId
      )
      return transfer && copy(transfer)
    },

    findTransferByUuid(approvalUuid) {
      const transfer = data.transfers.find((candidate) => candidate.approvalUuid === approvalUuid)
      return transfer && copy(transfer)
    },

    transfersOf(userId) {
      return data.transfers
        .filter((transfer) => transfer.userId === userId)
        .reverse()
        .map(copy)
    },

    transfersOfAuthyId(authyId) {
      const users = new Set(
        data.users.filter((user) => user.authyId === authyId).map((user) => user.id)
      )
      return data.transfers
        .filter((transfer) => users.has(transfer.userId))
        .reverse()
        .map(copy)
    },

    transfersWithStatus(status) {
      return data.transfers.filter((transfer) => transfer.status === status).map(copy)
    },

    async markSent(id, sent) {
      const transfer = findById(id)
      if (!transfer || transfer.status !== 'sending') return undefined
      Object.assign(transfer, { ...sent, status: 'pending', problem: null })
      return changed(transfer)
    },

    async markFailed(id, problem) {
      const transfer = findById(id)
      if (!transfer || isFinal(transfer.status)) return undefined
      Object.assign(transfer, {
        status: 'failed',
        decidedAt: now(),
        problem: { ...problem, at: now() },
      })
      return changed(transfer)
    },

    async setProblem(id, problem) {
      const transfer = findById(id)
      if (!transfer || isFinal(transfer.status)) return undefined
      if (problem === null && transfer.problem === null) return copy(transfer)
      transfer.problem = problem && { ...problem, at: now() }
      return changed(transfer)
    },

    async saveStatus(approvalUuid, status) {
      if (typeof approvalUuid !== 'string' || !isDecision(status)) return false
      const transfer = data.transfers.find((candidate) => candidate.approvalUuid === approvalUuid)
      // Compare-and-set: only a pending transfer is decided, and only once.
      if (!transfer || transfer.status !== 'pending') return false
      Object.assign(transfer, {
        status,
        decidedAt: now(),
        problem: null,
      })
      await changed(transfer)
      return true
    },

    onTransferChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    async flush() {
      await writes
    },

    async close() {
      if (closed) return
      await writes
      closed = true
      listeners.clear()
      openFiles.delete(file)
    },
  }
}
