import type { User } from '../../model/user.js'
import type { ApprovalProvider } from '../provider/provider.js'
import type { BankStore, Clock } from '../store/store.js'
import { wrongCode, type BankLimits, type WrongCodeOutcome } from './attempt-limits.js'
import { isProviderError, isWrongCode, providerMessage } from './provider-errors.js'
import { sendCode } from './sign-up.js'

/** What confirming a phone needs. */
export interface PhoneConfirmationDeps {
  store: BankStore
  /** Authy (steps 5 and 6) or Verify. */
  provider: ApprovalProvider
  limits: Pick<BankLimits, 'wrongCodes' | 'codeTexts' | 'codeTextsNow'>
  clock: Clock
  log: (line: string) => void
}

/** How a typed code was taken. */
export type CodeOutcome =
  /** The code was right: the phone is confirmed (a failed confirmation text is `textProblem`). */
  | { kind: 'confirmed'; user: User; textProblem?: string }
  /** Wrong, with tries left; or too many wrong codes lately: none is checked for `waitMs`. */
  | WrongCodeOutcome
  | { kind: 'provider-failed'; message: string }

/** How asking for a new code went. */
export type TextOutcome =
  | { kind: 'sent' }
  | { kind: 'too-soon'; waitMs: number }
  | { kind: 'provider-failed'; message: string }

/**
 * Checks the code typed to confirm a phone (step 6, or Verify's check), which then texts the
 * user. At most 5 wrong codes per user in 10 minutes (`limits.wrongCodes`). The phone is confirmed
 * once the code was taken, even when the confirmation text then fails (the user is told).
 *
 * @example
 * const outcome = await confirmPhoneCode(deps, user, '1234567')
 */
export async function confirmPhoneCode(
  deps: PhoneConfirmationDeps,
  user: User,
  code: string
): Promise<CodeOutcome> {
  const { limits, log } = deps
  const waitMs = limits.wrongCodes.waitFor(user.id)
  if (waitMs > 0) return { kind: 'locked', waitMs }
  const who = deps.provider.describe(user)
  let textProblem: string | undefined
  try {
    const { textError } = await deps.provider.confirmPhone(structuredClone(user), code)
    // The code was taken: the phone is confirmed, only the text was not sent.
    if (textError !== undefined) {
      textProblem = `The confirmation text could not be sent (${providerMessage(textError)}).`
      log(`Phone of ${who} confirmed, but ${textProblem}`)
    }
  } catch (error) {
    if (isWrongCode(error)) return wrongCode(limits.wrongCodes, user.id)
    if (!isProviderError(error)) throw error
    log(`The code of ${who} could not be checked: ${providerMessage(error)}`)
    return { kind: 'provider-failed', message: providerMessage(error) }
  }
  limits.wrongCodes.clear(user.id)
  const at = new Date(deps.clock()).toISOString()
  const confirmed = await deps.store.updateUser(user.id, { phoneConfirmed: { at, by: 'code' } })
  log(`Phone of ${who} confirmed.`)
  return textProblem
    ? { kind: 'confirmed', user: confirmed!, textProblem }
    : { kind: 'confirmed', user: confirmed! }
}

/**
 * Texts a new code (step 5, or Verify): at most one per 30 seconds and 5 per 10 minutes per user.
 *
 * @example
 * const outcome = await textCode(deps, user)
 */
export async function textCode(
  deps: Pick<PhoneConfirmationDeps, 'provider' | 'limits' | 'log'>,
  user: User
): Promise<TextOutcome> {
  const waitMs = Math.max(
    deps.limits.codeTextsNow.waitFor(user.id),
    deps.limits.codeTexts.waitFor(user.id)
  )
  if (waitMs > 0) return { kind: 'too-soon', waitMs }
  deps.limits.codeTextsNow.record(user.id)
  deps.limits.codeTexts.record(user.id)
  const problem = await sendCode(deps, user)
  return problem ? { kind: 'provider-failed', message: problem } : { kind: 'sent' }
}
