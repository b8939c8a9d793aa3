import type { AuthyClient } from '../../authy/index.js'
import type { User } from '../../model/user.js'
import type { ConfirmPhoneStep, SendSmsCodeStep } from '../../steps/contracts.js'
import { runStep } from '../../steps/run-step.js'
import { isTwilioError, type TwilioClient } from '../../twilio/client.js'
import type { BankStore, Clock } from '../store/store.js'
import { wrongCode, type BankLimits, type WrongCodeOutcome } from './attempt-limits.js'
import { isProviderError, isWrongCode, providerMessage } from './provider-errors.js'
import { sendCode } from './sign-up.js'

/** What confirming a phone needs. */
export interface PhoneConfirmationDeps {
  store: BankStore
  authy: AuthyClient
  twilio: TwilioClient
  /** The number texts come from. */
  twilioFrom: string
  confirmPhone: ConfirmPhoneStep
  sendSmsCode: SendSmsCodeStep
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
 * Checks the code typed to confirm a phone with step 6, which then texts the user. At most 5
 * wrong codes per user in 10 minutes (`limits.wrongCodes`). The phone is confirmed once Authy
 * took the code, even when the confirmation text then fails (the user is told).
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
  let textProblem: string | undefined
  try {
    await runStep(6, () =>
      deps.confirmPhone({
        authy: deps.authy,
        twilio: deps.twilio,
        user: structuredClone(user),
        code,
        from: deps.twilioFrom,
      })
    )
  } catch (error) {
    if (isWrongCode(error)) return wrongCode(limits.wrongCodes, user.id)
    // Twilio answers only after Authy took the code: the phone is confirmed, the text is not sent.
    if (isTwilioError(error)) {
      textProblem = `The confirmation text could not be sent (${providerMessage(error)}).`
      log(`Phone of Authy id ${user.authyId} confirmed, but ${textProblem}`)
    } else if (isProviderError(error)) {
      log(`The code of Authy id ${user.authyId} could not be checked: ${providerMessage(error)}`)
      return { kind: 'provider-failed', message: providerMessage(error) }
    } else {
      throw error
    }
  }
  limits.wrongCodes.clear(user.id)
  const at = new Date(deps.clock()).toISOString()
  const confirmed = await deps.store.updateUser(user.id, { phoneConfirmed: { at, by: 'code' } })
  log(`Phone of Authy id ${user.authyId} confirmed.`)
  return textProblem
    ? { kind: 'confirmed', user: confirmed!, textProblem }
    : { kind: 'confirmed', user: confirmed! }
}

/**
 * Texts a new code with step 5: at most one per 30 seconds and 5 per 10 minutes per user.
 *
 * @example
 * const outcome = await textCode(deps, user)
 */
export async function textCode(
  deps: Pick<PhoneConfirmationDeps, 'authy' | 'sendSmsCode' | 'limits' | 'log'>,
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
