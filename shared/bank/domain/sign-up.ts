import { isAuthyError, type AuthyError } from '../../authy/index.js'
import type { User } from '../../model/user.js'
import { isStepWritten, type AppFolder } from '../../steps/locate-step.js'
import { StepFailedError } from '../../steps/run-step.js'
import type { Registration } from '../forms/register-form.js'
import type { ApprovalProvider } from '../provider/provider.js'
import type { BankStore, Clock } from '../store/store.js'
import { newId } from './new-id.js'
import { hashPassword } from './passwords.js'
import { isProviderError, providerMessage } from './provider-errors.js'

/** What signing up needs. */
export interface SignUpDeps {
  app: AppFolder
  store: BankStore
  /** Authy (steps 1 and 5) or Verify. */
  provider: ApprovalProvider
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
 * Signs someone up: step 1 registers them with Authy (or the Verify provider makes them known),
 * the user is stored with a slow hash of the password, then step 5 (or Verify) texts a code to
 * confirm the phone. While step 5 or 6 is not written, the
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
  const userId = existing?.id ?? newId()
  let authyId: number | null
  try {
    authyId = await deps.provider.registerUser({ userId, ...registration })
  } catch (error) {
    if (!isAuthyError(error)) throw error
    log(`Registration refused by Authy: ${error.describe()}`)
    return { kind: 'authy-refused', error }
  }
  // Verify keeps no id of its own (null); Authy's step 1 must return the Authy id.
  if (deps.provider.name === 'authy' && !(Number.isSafeInteger(authyId) && authyId! > 0)) {
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
    log(`An account from before passwords signed up again: ${deps.provider.describe(user)}.`)
  } else {
    user = { id: userId, ...fields, createdAt: now, phoneConfirmed: null }
    await store.addUser(user)
    log(`Registered a user as ${deps.provider.describe(user)}.`)
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
 * Texts a code (step 5, or Verify); the problem when the service refused or did not answer, else
 * undefined.
 *
 * @example
 * const problem = await sendCode(deps, user)
 */
export async function sendCode(
  deps: Pick<SignUpDeps, 'provider' | 'log'>,
  user: User
): Promise<string | undefined> {
  try {
    await deps.provider.sendSmsCode(structuredClone(user))
    return undefined
  } catch (error) {
    if (!isProviderError(error)) throw error
    deps.log(
      `The code for ${deps.provider.describe(user)} could not be sent: ${providerMessage(error)}`
    )
    return `The code could not be sent (${providerMessage(error)}). Ask for a new one in a moment.`
  }
}
