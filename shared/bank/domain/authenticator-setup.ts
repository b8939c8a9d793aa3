import type { User } from '../../model/user.js'
import type { Authenticator } from '../provider/verify/enrolment.js'
import { wrongCode, type BankLimits, type WrongCodeOutcome } from './attempt-limits.js'
import { isProviderError, isWrongCode, providerMessage } from './provider-errors.js'

/** What setting up an authenticator app needs (`PROVIDER=verify`). */
export interface AuthenticatorSetupDeps {
  authenticator: Authenticator
  limits: Pick<BankLimits, 'wrongCodes'>
  log: (line: string) => void
}

/**
 * Makes a new TOTP factor for the user (in place of their others) and hands back its
 * `otpauth://` URI, shown once for the app to scan.
 *
 * @example
 * const outcome = await setUpAuthenticator(deps, user)
 * if (outcome.kind === 'started') showQr(outcome.uri)
 */
export async function setUpAuthenticator(
  deps: AuthenticatorSetupDeps,
  user: User
): Promise<{ kind: 'started'; uri: string } | { kind: 'provider-failed'; message: string }> {
  try {
    const { uri } = await deps.authenticator.start(user.id, user.email)
    deps.log(`User ${user.id} is setting up an authenticator app.`)
    return { kind: 'started', uri }
  } catch (error) {
    if (!isProviderError(error)) throw error
    return { kind: 'provider-failed', message: providerMessage(error) }
  }
}

/**
 * Verifies the new TOTP factor with the first code the app shows: at most 5 wrong codes per user
 * in 10 minutes (`limits.wrongCodes`, shared with the other code forms).
 *
 * @example
 * const outcome = await confirmAuthenticator(deps, user, '123456')
 */
export async function confirmAuthenticator(
  deps: AuthenticatorSetupDeps,
  user: User,
  code: string
): Promise<{ kind: 'set-up' } | WrongCodeOutcome | { kind: 'provider-failed'; message: string }> {
  const waitMs = deps.limits.wrongCodes.waitFor(user.id)
  if (waitMs > 0) return { kind: 'locked', waitMs }
  try {
    await deps.authenticator.confirm(user.id, code)
  } catch (error) {
    if (isWrongCode(error)) return wrongCode(deps.limits.wrongCodes, user.id)
    if (!isProviderError(error)) throw error
    return { kind: 'provider-failed', message: providerMessage(error) }
  }
  deps.limits.wrongCodes.clear(user.id)
  deps.log(`User ${user.id} set up an authenticator app.`)
  return { kind: 'set-up' }
}
