import { isAuthyError } from '../../authy/index.js'
import { isTwilioError } from '../../twilio/client.js'

/**
 * Did Authy say the code is wrong (401: 60020 invalid, 60019 used before; 60022 for a phone
 * verification)? Any other error is a problem to report, not a wrong guess.
 *
 * @example
 * if (isWrongCode(error)) limits.wrongCodes.record(user.id)
 */
export function isWrongCode(error: unknown): boolean {
  return (
    isAuthyError(error) &&
    (error.errorCode === '60020' ||
      error.errorCode === '60019' ||
      error.errorCode === '60022' ||
      (error.kind === 'api' && error.status === 401 && error.errorCode !== '60001'))
  )
}

/**
 * Is this an error from Authy or Twilio (a refusal, a timeout, a lost connection), as opposed to
 * a bug? The flows show these to the user; a bug is the step's.
 *
 * @example
 * if (isProviderError(error)) return { kind: 'provider-failed', message: providerMessage(error) }
 */
export function isProviderError(error: unknown): boolean {
  return isAuthyError(error) || isTwilioError(error)
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
  return String(error)
}
