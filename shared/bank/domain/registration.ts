import { isAuthyError, type AuthyClient, type AuthyError } from '../../authy/index.js'
import type { User } from '../../model/user.js'
import type { RegisterUserStep } from '../../steps/contracts.js'
import { runStep, StepFailedError } from '../../steps/run-step.js'
import type { Registration } from '../forms/register-form.js'
import type { BankStore, Clock } from '../store/store.js'
import { newId } from './new-id.js'

/** What registering needs. */
export interface RegisterDeps {
  store: BankStore
  authy: AuthyClient
  registerUser: RegisterUserStep
  clock: Clock
  log: (line: string) => void
}

/** How a registration ended. A step not written yet, or one that threw, is thrown instead. */
export type RegisterOutcome =
  | { kind: 'registered'; user: User }
  /** Authy refused the phone or the email, or could not be reached: nobody was stored. */
  | { kind: 'authy-refused'; error: AuthyError }

/**
 * Registers someone: step 1 registers them with Authy, then the user is stored with the Authy id
 * it returned. Throws `StepNotDoneError` or `StepFailedError` when step 1 is missing or wrong.
 *
 * @example
 * const outcome = await register(deps, { email, countryCode: '1', phoneNumber: '201 555 0123' })
 * if (outcome.kind === 'registered') await signInAs(c, cookie, store, outcome.user.id)
 */
export async function register(
  deps: RegisterDeps,
  registration: Registration
): Promise<RegisterOutcome> {
  let authyId: number
  try {
    authyId = await runStep(1, () => deps.registerUser({ authy: deps.authy, ...registration }))
  } catch (error) {
    if (!isAuthyError(error)) throw error
    deps.log(`Registration refused by Authy: ${error.describe()}`)
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
  const user: User = {
    id: newId(),
    ...registration,
    authyId,
    createdAt: new Date(deps.clock()).toISOString(),
  }
  await deps.store.addUser(user)
  deps.log(`Registered a user as Authy id ${authyId}.`)
  return { kind: 'registered', user }
}
