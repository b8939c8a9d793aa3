import type { SentTransfer, Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import type { TransferStatusStore } from '../../steps/contracts.js'

/** Which service approves: Authy (the workshop's steps) or Twilio Verify. */
export type ProviderName = 'authy' | 'verify'

/** Who signs in from where and when, as the phone shows it. */
export interface SigningInBrowser {
  ip: string
  userAgent: string
  at: string
}

/**
 * What the bank asks of the service that verifies phones and approves transfers and sign-ins,
 * whichever it is. Every method may throw the service's own errors (an `AuthyError`, a Twilio
 * `RestException`), a {@link WrongCodeError} for a wrong code, a {@link ProviderRefusal} with a
 * sentence for the user, and with Authy the steps' errors (not done yet, failed). The flows in
 * `../domain/` call these and nothing else of the service.
 */
export interface ApprovalProvider {
  readonly name: ProviderName
  /** Who the user is to the service, for log lines: `Authy id 100001`, `Verify identity 3f…`. */
  describe(user: Pick<User, 'id' | 'authyId'>): string
  /**
   * Sign-up: makes the user known to the service. Resolves to the Authy id, or null when the
   * service keeps no id of its own (Verify: the identity is derived from `userId`).
   */
  registerUser(input: {
    userId: string
    email: string
    countryCode: string
    phoneNumber: string
  }): Promise<number | null>
  /** Texts the user a code (sign-up, "send a new code", the sign-in fallback's "Text me a code"). */
  sendSmsCode(user: User): Promise<void>
  /**
   * Checks the code typed to confirm the phone (a wrong one throws), then texts the user that
   * sign-up is complete. Resolves to the confirmation text's error, if only that failed: the
   * phone is confirmed all the same.
   */
  confirmPhone(user: User, code: string): Promise<{ textError?: unknown }>
  /** Sends a stored transfer's approval request; resolves to its id (a uuid, a challenge SID). */
  sendApprovalRequest(input: {
    user: User
    transfer: Transfer
    secondsToExpire: number
  }): Promise<string>
  /**
   * Follows a pending transfer until it is decided, then stores the decision (`transfers`).
   * `sleep` throws when waiting no longer makes sense; `signal` ends the service calls; each call
   * goes through `calls.before` (a throttle) and, when it worked, `calls.after`.
   */
  waitForApproval(input: {
    transfer: SentTransfer
    transfers: TransferStatusStore
    pollIntervalMs: number
    sleep: (ms: number) => Promise<void>
    signal: AbortSignal
    calls: { before: () => Promise<void>; after: () => void }
  }): Promise<void>
  /** One read of an approval request's status: `pending`, `approved`, `denied` or `expired`. */
  readApprovalStatus(
    request: { approvalId: string; userId: string },
    signal: AbortSignal
  ): Promise<string>
  /** Whether the user's phone has an app that can take a push (else: straight to a code). */
  canPush(user: User): Promise<boolean>
  /** Asks the phone to approve a sign-in; resolves to the request's id. */
  startSignIn(input: {
    user: User
    browser: SigningInBrowser
    secondsToExpire: number
  }): Promise<string>
  /** The sign-in fallback: checks a code (texted, or from an app); a wrong one throws. */
  checkSignInCode(user: User, code: string): Promise<void>
}

/**
 * The service said the code is not right (Verify answers a wrong code with 200 and `pending`,
 * not an error: the provider turns that into this). The flows count it as a wrong guess.
 *
 * @example
 * if (check.status !== 'approved') throw new WrongCodeError('the code is not right')
 */
export class WrongCodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WrongCodeError'
  }
}

/**
 * The service cannot do it for a reason the user should read (no app on the phone to push to,
 * no authenticator set up). Shown as it is.
 *
 * @example
 * throw new ProviderRefusal('Your phone has no app with Verify Push for OneTouch Bank.')
 */
export class ProviderRefusal extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProviderRefusal'
  }
}
