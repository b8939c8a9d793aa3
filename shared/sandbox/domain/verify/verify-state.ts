import type { TwilioAccount } from '../twilio/account.js'
import type { WebhookDelivery } from './control-schemas.js'

/** Webhook deliveries remembered for `GET /sandbox/verify/deliveries`. */
export const DELIVERY_LOG_LIMIT = 200

/** What the sandbox's Verify API knows besides its stored data: its account and recent deliveries. */
export interface VerifyState {
  /** The account the Verify API serves (its Auth Token signs webhooks). */
  account: TwilioAccount
  /** The last webhook deliveries, oldest first. */
  deliveries: WebhookDelivery[]
}

/**
 * Fresh Verify state for an account.
 *
 * @example
 * const verify = createVerifyState(account)
 */
export function createVerifyState(account: TwilioAccount): VerifyState {
  return { account, deliveries: [] }
}
