import { isSignInFinal, type SignIn, type SignInStatus } from '../../model/sign-in.js'
import { keepFirst, listSignIn, userFile } from './bank-records.js'
import { copy, type StoreContext } from './store-context.js'

/** The sign-in attempts of the store. */
export interface SignInRecords {
  addSignIn(signIn: SignIn): Promise<void>
  getSignIn(id: string): SignIn | undefined
  findSignInByUuid(approvalUuid: string): SignIn | undefined
  signInsWithStatus(status: SignInStatus): SignIn[]
  /** Every sign-in, oldest first: for counts and tools. */
  allSignIns(): SignIn[]
  /** `sending` → `pending`, with the approval request's uuid and expiry. */
  markSignInSent(
    id: string,
    sent: { approvalUuid: string; expiresAt: string }
  ): Promise<SignIn | undefined>
  /**
   * A sign-in that has not ended yet (`sending` or `pending`) → a final status: `no-app`, or
   * `failed` with the reason.
   */
  endSignIn(
    id: string,
    end: { status: 'no-app' | 'failed'; problem: SignIn['problem'] }
  ): Promise<SignIn | undefined>
  /**
   * Marks a sign-in as the one that made a session, once: undefined when it already did. A code
   * completes any sign-in that has not; the approval only an approved one.
   */
  completeSignIn(id: string, by: NonNullable<SignIn['completedBy']>): Promise<SignIn | undefined>
  /** Calls `listener` after every stored change of a sign-in. Returns the unsubscribe function. */
  onSignInChange(listener: (signIn: SignIn) => void): () => void
}

/**
 * The store's sign-in attempts. `decide` is their part of `saveStatus`: a pending sign-in takes
 * the phone's decision once; false when no pending sign-in has this uuid.
 *
 * @example
 * const signIns = signInRecords(ctx, listeners)
 */
export function signInRecords(
  ctx: StoreContext,
  listeners: Set<(signIn: SignIn) => void>
): SignInRecords & {
  decide(approvalUuid: string, status: 'approved' | 'denied' | 'expired'): Promise<boolean>
} {
  const { records } = ctx
  const findById = (id: string) => records.signInById.get(id)
  const changed = async (signIn: SignIn) => {
    await ctx.save(signIn.userId)
    const snapshot = copy(signIn)
    for (const listener of listeners) listener(snapshot)
    return snapshot
  }

  return {
    async addSignIn(signIn) {
      const stored = copy(signIn)
      userFile(records, stored.userId).signIns.push(stored)
      listSignIn(records, stored)
      await changed(stored)
    },

    getSignIn(id) {
      const signIn = findById(id)
      return signIn && copy(signIn)
    },

    findSignInByUuid(approvalUuid) {
      const signIn = records.signInByUuid.get(approvalUuid)
      return signIn && copy(signIn)
    },

    signInsWithStatus(status) {
      return records.signIns.filter((signIn) => signIn.status === status).map(copy)
    },

    allSignIns() {
      return records.signIns.map(copy)
    },

    async markSignInSent(id, sent) {
      const signIn = findById(id)
      if (!signIn || signIn.status !== 'sending') return undefined
      Object.assign(signIn, { ...sent, status: 'pending', problem: null })
      keepFirst(records.signInByUuid, sent.approvalUuid, signIn)
      return changed(signIn)
    },

    async endSignIn(id, end) {
      const signIn = findById(id)
      if (!signIn || isSignInFinal(signIn.status)) return undefined
      Object.assign(signIn, { ...end, decidedAt: ctx.now() })
      return changed(signIn)
    },

    async completeSignIn(id, by) {
      const signIn = findById(id)
      if (!signIn || signIn.completedAt !== null) return undefined
      if (by === 'onetouch' && signIn.status !== 'approved') return undefined
      Object.assign(signIn, { completedAt: ctx.now(), completedBy: by })
      return changed(signIn)
    },

    async decide(approvalUuid, status) {
      const signIn = records.signInByUuid.get(approvalUuid)
      if (!signIn || signIn.status !== 'pending') return false
      Object.assign(signIn, { status, decidedAt: ctx.now(), problem: null })
      await changed(signIn)
      return true
    },

    onSignInChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
