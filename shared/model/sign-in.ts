/**
 * Where a sign-in stands once the password was right:
 * `sending` (stored, the approval request not sent yet), `pending` (waiting for the phone), then
 * `approved`, `denied` or `expired` as Authy says; `no-app` when the user has no Authy app to push
 * to; `failed` when the request could not be sent. Only `approved` (or a right code) signs in.
 */
export type SignInStatus =
  | 'sending'
  | 'pending'
  | 'approved'
  | 'denied'
  | 'expired'
  | 'no-app'
  | 'failed'

/** A sign-in attempt: the second factor a browser owes after a right password. */
export interface SignIn {
  id: string
  userId: string
  status: SignInStatus
  /** The OneTouch approval request's uuid (step 7). */
  approvalUuid: string | null
  /** What the phone was shown about the browser signing in. */
  browser: { ip: string; userAgent: string }
  createdAt: string
  expiresAt: string | null
  decidedAt: string | null
  /** When a session was made from it (once, by approval or by a code). */
  completedAt: string | null
  completedBy: 'onetouch' | 'code' | 'password-only' | null
  /** What went wrong, shown on the waiting page. */
  problem: { message: string; missingStep?: number } | null
}

/** The statuses a sign-in's approval request never leaves. */
export const FINAL_SIGN_IN_STATUSES: readonly SignInStatus[] = [
  'approved',
  'denied',
  'expired',
  'no-app',
  'failed',
]

/**
 * Is this sign-in status final (nothing more will come from the phone)?
 *
 * @example
 * isSignInFinal('pending') // false
 */
export function isSignInFinal(status: SignInStatus): boolean {
  return FINAL_SIGN_IN_STATUSES.includes(status)
}
