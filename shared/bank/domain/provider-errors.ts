import { isAuthyError } from '../../authy/index.js'
import { isTwilioError } from '../../twilio/client.js'
import { ProviderRefusal, WrongCodeError } from '../provider/provider.js'

/**
 * Is the code wrong? Authy says so with an error (401: 60020 invalid, 60019 used before; 60022
 * for a phone verification); the Verify provider with a {@link WrongCodeError}. Any other error
 * is a problem to report, not a wrong guess.
 *
 * @example
 * if (isWrongCode(error)) limits.wrongCodes.record(user.id)
 */
export function isWrongCode(error: unknown): boolean {
  if (error instanceof WrongCodeError) return true
  return (
    isAuthyError(error) &&
    (error.errorCode === '60020' ||
      error.errorCode === '60019' ||
      error.errorCode === '60022' ||
      (error.kind === 'api' && error.status === 401 && error.errorCode !== '60001'))
  )
}

/**
 * Is this an error from Authy or Twilio (a refusal, a timeout, a lost connection, a
 * {@link ProviderRefusal}), as opposed to a bug? The flows show these to the user; a bug is the
 * step's.
 *
 * @example
 * if (isProviderError(error)) return { kind: 'provider-failed', message: providerMessage(error) }
 */
export function isProviderError(error: unknown): boolean {
  return isAuthyError(error) || isTwilioError(error) || error instanceof ProviderRefusal
}

/**
 * Did the service answer that the approval request is not there (404): it can never be decided?
 *
 * @example
 * if (isGone(error)) await store.markFailed(transfer.id, { message })
 */
export function isGone(error: unknown): boolean {
  return (isAuthyError(error) || isTwilioError(error)) && error.status === 404
}

/**
 * One sentence about a provider error, for a page.
 *
 * @example
 * providerMessage(error) // 'Authy did not answer in time (…)'
 */
export function providerMessage(error: unknown): string {
  if (isAuthyError(error)) return `Authy: ${error.describe()}`
  if (isTwilioError(error)) return `Twilio: ${error.message} (error ${error.code})`
  if (error instanceof ProviderRefusal) return error.message
  return String(error)
}
