import type { AuthyClient } from '../../authy/index.js'
import { isAuthyError, type AuthyError } from '../../authy/index.js'
import type { User } from '../../model/user.js'
import type { RegisterUserStep, SendSmsCodeStep } from '../../steps/contracts.js'
import { isStepWritten, type AppFolder } from '../../steps/locate-step.js'
import { runStep, StepFailedError } from '../../steps/run-step.js'
import type { Registration } from '../forms/register-form.js'
import type { BankStore, Clock } from '../store/store.js'
import { newId } from './new-id.js'
import { hashPassword } from './passwords.js'
import { providerMessage } from './provider-errors.js'

/** What signing up needs. */
export interface SignUpDeps {
  app: AppFolder
  store: BankStore
  authy: AuthyClient
  registerUser: RegisterUserStep
  sendSmsCode: SendSmsCodeStep
  clock: Clock
  log: (line: string) => void
}

/** How a sign-up ended. A step that threw is thrown instead. */
export type SignUpOutcome =
  /** Someone has an account with this email already: nothing changed. */
  | { kind: 'email-taken' }
  /** Authy refused the phone or the email, or could not be reached: nothing was stored. */
  | { kind: 'authy-refused'; error: AuthyError }
  /** Stored; a code went to the phone (or could not: `codeProblem`): the phone is to confirm. */
  | { kind: 'verify-phone'; user: User; codeProblem?: string }
  /** Stored with the phone counted as confirmed, because a step of module 2 is not written. */
  | { kind: 'phone-skipped'; user: User; missingStep: 5 | 6 }

/**
 * Signs someone up: step 1 registers them with Authy, the user is stored with a slow hash of the
 * password, then step 5 texts a code to confirm the phone. While step 5 or 6 is not written, the
 * phone counts as confirmed, so module 1 stays usable. An account from before the bank had
 * passwords (module 1's data) is taken over by signing up again with its email.
 *
 * @example
 * const outcome = await signUp(deps, { email, password, countryCode: '1', phoneNumber: '201 555 0123' })
 * if (outcome.kind === 'verify-phone') redirect('/verify')
 */
export async function signUp(deps: SignUpDeps, form: Registration): Promise<SignUpOutcome> {
  const { store, log } = deps
  const existing = store.findUserByEmail(form.email)
  if (existing && existing.passwordHash !== null) return { kind: 'email-taken' }

  const { password, ...registration } = form
  let authyId: number
  try {
    authyId = await runStep(1, () => deps.registerUser({ authy: deps.authy, ...registration }))
  } catch (error) {
    if (!isAuthyError(error)) throw error
    log(`Registration refused by Authy: ${error.describe()}`)
    return { kind: 'authy-refused', error }
  }
  if (!Number.isSafeInteger(authyId) || authyId <= 0) {
    throw new StepFailedError(
      1,
      new Error(
        `it returned ${JSON.stringify(authyId)} instead of the Authy id (a positive whole number)`
      )
    )
  }

  const now = new Date(deps.clock()).toISOString()
  const fields = { ...registration, authyId, passwordHash: await hashPassword(password) }
  let user: User
  if (existing) {
    user = (await store.updateUser(existing.id, { ...fields, phoneConfirmed: null }))!
    log(`An account from before passwords signed up again: Authy id ${authyId}.`)
  } else {
    user = { id: newId(), ...fields, createdAt: now, phoneConfirmed: null }
    await store.addUser(user)
    log(`Registered a user as Authy id ${authyId}.`)
  }

  const missingStep = ([5, 6] as const).find((step) => !isStepWritten(deps.app, step))
  if (missingStep) {
    const skipped = await store.updateUser(user.id, { phoneConfirmed: { at: now, by: 'skipped' } })
    return { kind: 'phone-skipped', user: skipped!, missingStep }
  }
  const codeProblem = await sendCode(deps, user)
  return codeProblem ? { kind: 'verify-phone', user, codeProblem } : { kind: 'verify-phone', user }
}

/**
 * Texts a code with step 5; the problem when Authy refused or did not answer, else undefined.
 *
 * @example
 * const problem = await sendCode(deps, user)
 */
export async function sendCode(
  deps: Pick<SignUpDeps, 'authy' | 'sendSmsCode' | 'log'>,
  user: User
): Promise<string | undefined> {
  try {
    await runStep(5, () => deps.sendSmsCode({ authy: deps.authy, user: structuredClone(user) }))
    return undefined
  } catch (error) {
    if (!isAuthyError(error)) throw error
    deps.log(`The code for Authy id ${user.authyId} could not be sent: ${error.describe()}`)
    return `The code could not be sent (${providerMessage(error)}). Ask for a new one in a moment.`
  }
}
