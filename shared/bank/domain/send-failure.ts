import type { AuthyError } from '../../authy/index.js'
import { authyAdvice } from './authy-advice.js'

/**
 * What to tell the user when step 2's approval request failed with an Authy error, so the
 * transfer failed. Without a clear answer (a timeout, a lost connection, a garbled reply) the
 * request may still have reached the phone: sending the transfer again would push it twice, so
 * the message says to deny that one first.
 *
 * @example
 * sendFailureMessage(timeoutError, 'workshop/steps/2-send-approval-request.ts')
 * // 'The bank does not know whether the approval request reached your phone: … deny it; …'
 */
export function sendFailureMessage(error: AuthyError, stepFile: string): string {
  switch (error.kind) {
    case 'timeout':
    case 'network':
    case 'malformed':
      return (
        `The bank does not know whether the approval request reached your phone ` +
        `(${error.describe()}). If a request for this transfer shows up on your phone, deny it; ` +
        'then send the transfer again.'
      )
    case 'input':
      return (
        `Step 2 gave the Authy client an invalid value, so nothing was sent: ${error.message}. ` +
        `Check the arguments it passes to the Authy client in ${stepFile}.`
      )
    default:
      return `Authy refused the approval request: ${error.describe()}. ${authyAdvice(error)}`
  }
}
