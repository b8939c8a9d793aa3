import type { AppKeys } from './app-keys.js'
import type { CallbackState } from './callback-state.js'
import type { ChangeEvents } from './change-events.js'
import type { Clock } from './clock.js'
import type { FaultList } from './faults.js'
import type { RequestLog } from './request-log.js'
import type { Room } from './room/room.js'
import type { SandboxStore } from './store.js'
import type { TwilioAccount } from './twilio/account.js'
import type { TwilioAccounts } from './twilio/accounts.js'
import type { VerifyState } from './verify/verify-state.js'

/** Everything the sandbox's routes work with, passed to each of them. */
export interface SandboxContext {
  /** The key of the sandbox's own application, and of the control API. */
  apiKey: string
  /** Which application each API key belongs to. */
  appKeys: AppKeys
  /** The address the server listens on: who may use the control API depends on it. */
  host: string
  store: SandboxStore
  now: Clock
  log: (line: string) => void
  /** The base of phone links (`http://192.168.1.20:4200`), known once the server listens. */
  publicUrl: () => string
  events: ChangeEvents
  callbacks: CallbackState
  requests: RequestLog
  faults: FaultList
  callbackTimeoutMs: number
  /** The sandbox's own account on the Twilio API (its own port), when the sandbox serves one. */
  twilio: TwilioAccount | undefined
  /** Every account of the Twilio API (the own one and the joined applications'), with it. */
  twilioAccounts: TwilioAccounts | undefined
  /** Where phones and other computers reach the Twilio API, when the sandbox serves one. */
  twilioPublicUrl: () => string | undefined
  /** The room attendees join (`POST /room/join`), when the sandbox runs one. */
  room: Room | undefined
  /** The Verify v2 API (its own port), when the sandbox serves one. */
  verify: VerifyState | undefined
}

/**
 * The full link to a user's phone page.
 *
 * @example
 * phoneUrl(ctx, user.phone_token) // 'http://192.168.1.20:4200/phone/q3V0x...'
 */
export function phoneUrl(ctx: Pick<SandboxContext, 'publicUrl'>, token: string): string {
  return `${ctx.publicUrl().replace(/\/+$/, '')}/phone/${token}`
}
