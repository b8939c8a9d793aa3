import type { AuthyClient } from '../authy/index.js'
import type { SentTransfer, Transfer } from '../model/transfer.js'
import type { AuthyUser } from '../model/user.js'
import type { TwilioClient } from '../twilio/client.js'

/**
 * The workshop steps, as the app calls them. `workshop/steps/` holds the attendee's versions,
 * `solution/steps/` the finished ones; everything around them lives in `shared/`. Module 1
 * (steps 1–4) approves transfers on the phone; module 2 (steps 5–8) verifies the phone at sign-up
 * and signs in with two factors.
 */
export interface Steps {
  registerUser: RegisterUserStep
  sendApprovalRequest: SendApprovalRequestStep
  waitForApproval: WaitForApprovalStep
  receiveCallback: ReceiveCallbackStep
  sendSmsCode: SendSmsCodeStep
  confirmPhone: ConfirmPhoneStep
  startSignIn: StartSignInStep
  checkSignInCode: CheckSignInCodeStep
}

export type StepNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

/** Step 1: register the user with Authy; resolves to the user's Authy id. */
export type RegisterUserStep = (input: {
  authy: AuthyClient
  email: string
  countryCode: string
  phoneNumber: string
}) => Promise<number>

/** Step 2: send the OneTouch approval request for a stored transfer; resolves to its uuid. */
export type SendApprovalRequestStep = (input: {
  authy: AuthyClient
  user: AuthyUser
  transfer: Transfer
  secondsToExpire: number
}) => Promise<string>

/** Step 3: poll the approval request until it leaves `pending`, then store the status. */
export type WaitForApprovalStep = (input: {
  authy: AuthyClient
  transfer: SentTransfer
  transfers: TransferStatusStore
  pollIntervalMs: number
  /** Waits `ms`; throws instead when the wait should end (expiry, shutdown, already decided). */
  sleep: (ms: number) => Promise<void>
}) => Promise<void>

/** Step 4 (bonus): check a OneTouch callback is genuine and new, then store the status it brings. */
export type ReceiveCallbackStep = (input: {
  callback: OneTouchCallback
  /** The Authy API key: callbacks are signed with it. */
  apiKey: string
  /** This app's callback URL exactly as Authy was given it: it is part of what is signed. */
  callbackUrl: string
  replays: ReplayGuard
  transfers: TransferStatusStore
}) => Promise<CallbackVerdict>

/**
 * Step 5: send the user a code by SMS, even when they have the Authy app (`force`). The app calls
 * it at sign-up, on "Send a new code", and for the sign-in fallback's "Text me a code".
 */
export type SendSmsCodeStep = (input: { authy: AuthyClient; user: AuthyUser }) => Promise<void>

/**
 * Step 6: check the code the user typed (Authy throws for a wrong one), then send the confirmation
 * text with Twilio, from `from` to the user's phone.
 */
export type ConfirmPhoneStep = (input: {
  authy: AuthyClient
  twilio: TwilioClient
  user: AuthyUser
  code: string
  /** The Twilio number texts come from (TWILIO_FROM_NUMBER). */
  from: string
}) => Promise<void>

/**
 * Step 7: after a right password, ask the user's phone to approve the sign-in (a OneTouch approval
 * request with what is signing in, and a short expiry); resolves to its uuid.
 */
export type StartSignInStep = (input: {
  authy: AuthyClient
  user: AuthyUser
  /** The browser signing in, and when, as the phone should show it. */
  browser: { ip: string; userAgent: string; at: string }
  secondsToExpire: number
}) => Promise<string>

/**
 * Step 8: the sign-in fallback: check a code the user typed, from an SMS or from the Authy app
 * (Authy throws for a wrong one).
 */
export type CheckSignInCodeStep = (input: {
  authy: AuthyClient
  user: AuthyUser
  token: string
}) => Promise<void>

/** The part of the transfer store the steps use. */
export interface TransferStatusStore {
  /**
   * Stores the final status of the transfer whose approval request is `approvalUuid`.
   * Only a pending transfer changes, and only to `approved`, `denied` or `expired`: anything else
   * is ignored. Resolves to true when a transfer changed.
   */
  saveStatus(approvalUuid: string, status: string): Promise<boolean>
}

/** A OneTouch callback as it arrived at the app. */
export interface OneTouchCallback {
  method: 'POST' | 'GET'
  /** Exactly what arrived: the JSON body for POST, the parsed query for GET. */
  params: unknown
  /** The `X-Authy-Signature-Nonce` header (epoch seconds), if any. */
  nonce: string | undefined
  /** The `X-Authy-Signature` header, if any. */
  signature: string | undefined
  /** `params.uuid`: the approval request's uuid ('' when missing). */
  uuid: string
  /** `params.status`: `approved` or `denied` ('' when missing). */
  status: string
}

/** Remembers the callbacks already received. */
export interface ReplayGuard {
  /**
   * True when this callback must not be trusted again: its nonce is missing or more than five
   * minutes from now, or the same nonce and signature were seen before. Otherwise remembers it
   * and returns false. Call it after checking the signature.
   */
  isReplay(callback: { nonce: string | undefined; signature: string | undefined }): boolean
}

export type CallbackVerdict = { accepted: true } | { accepted: false; reason: string }

/** Thrown by a step that is not written yet; the app turns it into a friendly page. */
export class StepNotDoneError extends Error {
  constructor(readonly step: StepNumber) {
    super(`Step ${step} is not done yet.`)
    this.name = 'StepNotDoneError'
  }
}

/**
 * Marks an unwritten step in the starter. The app shows which step is missing and where.
 *
 * @example
 * return stepNotDone(1)
 */
export function stepNotDone(step: StepNumber): never {
  throw new StepNotDoneError(step)
}
