import {
  isFinal,
  type Transfer,
  type TransferProblem,
  type TransferStatus,
} from '../../model/transfer.js'
import { keepFirst, listTransfer, userFile } from './bank-records.js'
import { copy, type StoreContext } from './store-context.js'

/** The transfers of the store. */
export interface TransferRecords {
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
  /** Every transfer, oldest first: for counts and tools. */
  allTransfers(): Transfer[]
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
}

/**
 * The store's transfers, and how a pending one is decided (once). `decide` is the transfers' part
 * of `saveStatus`: false when no pending transfer has this uuid.
 *
 * @example
 * const transfers = transferRecords(ctx, listeners)
 */
export function transferRecords(
  ctx: StoreContext,
  listeners: Set<(transfer: Transfer) => void>
): TransferRecords & {
  decide(approvalUuid: string, status: 'approved' | 'denied' | 'expired'): Promise<boolean>
} {
  const { records } = ctx
  const findById = (id: string) => records.transferById.get(id)
  const changed = async (transfer: Transfer) => {
    await ctx.save(transfer.userId)
    const snapshot = copy(transfer)
    for (const listener of listeners) listener(snapshot)
    return snapshot
  }
  const newestFirst = (transfers: Transfer[]) => transfers.slice().reverse().map(copy)

  return {
    async addTransfer(transfer) {
      const stored = copy(transfer)
      userFile(records, stored.userId).transfers.push(stored)
      listTransfer(records, stored)
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
      const transfer = records.byUser
        .get(userId)
        ?.transfers.find((candidate) => candidate.requestId === requestId)
      return transfer && copy(transfer)
    },

    findTransferByUuid(approvalUuid) {
      const transfer = records.transferByUuid.get(approvalUuid)
      return transfer && copy(transfer)
    },

    transfersOf(userId) {
      return newestFirst(records.byUser.get(userId)?.transfers ?? [])
    },

    transfersOfAuthyId(authyId) {
      const phone = records.users
        .filter((user) => user.authyId === authyId)
        .flatMap((user) => records.byUser.get(user.id)?.transfers ?? [])
      const place = (transfer: Transfer) => records.placeOf.get(transfer) ?? 0
      return newestFirst(phone.sort((a, b) => place(a) - place(b)))
    },

    transfersWithStatus(status) {
      return records.transfers.filter((transfer) => transfer.status === status).map(copy)
    },

    allTransfers() {
      return records.transfers.map(copy)
    },

    async markSent(id, sent) {
      const transfer = findById(id)
      if (!transfer || transfer.status !== 'sending') return undefined
      Object.assign(transfer, { ...sent, status: 'pending', problem: null })
      keepFirst(records.transferByUuid, sent.approvalUuid, transfer)
      return changed(transfer)
    },

    async markFailed(id, problem) {
      const transfer = findById(id)
      if (!transfer || isFinal(transfer.status)) return undefined
      Object.assign(transfer, {
        status: 'failed',
        decidedAt: ctx.now(),
        problem: { ...problem, at: ctx.now() },
      })
      return changed(transfer)
    },

    async setProblem(id, problem) {
      const transfer = findById(id)
      if (!transfer || isFinal(transfer.status)) return undefined
      if (problem === null && transfer.problem === null) return copy(transfer)
      transfer.problem = problem && { ...problem, at: ctx.now() }
      return changed(transfer)
    },

    async decide(approvalUuid, status) {
      const transfer = records.transferByUuid.get(approvalUuid)
      // Compare-and-set: only a pending transfer is decided, and only once.
      if (!transfer || transfer.status !== 'pending') return false
      Object.assign(transfer, { status, decidedAt: ctx.now(), problem: null })
      await changed(transfer)
      return true
    },

    onTransferChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
