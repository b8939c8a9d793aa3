import type { SignIn } from '../../model/sign-in.js'
import type { User } from '../../model/user.js'
import { isStepWritten, type AppFolder } from '../../steps/locate-step.js'
import { StepFailedError } from '../../steps/run-step.js'
import type { ApprovalProvider } from '../provider/provider.js'
import type { BankStore, Clock } from '../store/store.js'
import { wrongCode, type BankLimits, type WrongCodeOutcome } from './attempt-limits.js'
import { newId } from './new-id.js'
import { passwordMatches } from './passwords.js'
import { isProviderError, isWrongCode, providerMessage } from './provider-errors.js'
import type { SignInWatcher } from './sign-in-watcher.js'
import { sendCode } from './sign-up.js'

/** How long the phone has to approve a sign-in. */
export const SIGN_IN_SECONDS_TO_EXPIRE = 120

/** What signing in needs. */
export interface SignInDeps {
  app: AppFolder
  store: BankStore
  /** Authy (steps 5, 7 and 8) or Verify. */
  provider: ApprovalProvider
  signInWatcher: Pick<SignInWatcher, 'watch'>
  limits: Pick<BankLimits, 'wrongPasswords' | 'wrongPasswordsFrom' | 'wrongCodes'>
  clock: Clock
  log: (line: string) => void
}

/** Who signs in from where: what the phone is shown. */
export interface Browser {
  ip: string
  userAgent: string
}

/** How a password was taken. */
export type PasswordOutcome =
  /** The email or the password is not right (one answer for both). */
  | { kind: 'wrong' }
  /** Too many wrong passwords lately, for this account or from this address. */
  | { kind: 'locked'; waitMs: number }
  /** Right, but the phone was never confirmed: a code went to it (or could not: `codeProblem`). */
  | { kind: 'verify-phone'; user: User; codeProblem?: string }
  /** Right, and step 7 is not written yet: the password alone signs in. */
  | { kind: 'password-only'; user: User }
  /** Right: the phone owes the second factor (its approval, or a code). */
  | { kind: 'second-factor'; signIn: SignIn }
  /** Right, but step 7 threw: the sign-in failed and says so. */
  | { kind: 'step-failed'; signIn: SignIn; error: StepFailedError }

/**
 * Checks an email and password, slowly and in constant time, at most 5 wrong tries per account
 * and 20 per address in 10 minutes; then starts the second factor: a push (a OneTouch request by
 * step 7, or a Verify Push challenge), or straight to the code fallback for a user whose phone has
 * no app to push to. The browser is not
 * signed in by this: only an approval or a right code does that.
 *
 * @example
 * const outcome = await checkPassword(deps, { email, password }, { ip, userAgent })
 */
export async function checkPassword(
  deps: SignInDeps,
  form: { email: string; password: string },
  browser: Browser
): Promise<PasswordOutcome> {
  const { store, limits, log } = deps
  const account = form.email.toLowerCase()
  const waitMs = Math.max(
    limits.wrongPasswords.waitFor(account),
    limits.wrongPasswordsFrom.waitFor(browser.ip)
  )
  if (waitMs > 0) return { kind: 'locked', waitMs }
  const user = store.findUserByEmail(form.email)
  if (!(await passwordMatches(form.password, user?.passwordHash ?? null)) || !user) {
    limits.wrongPasswords.record(account)
    limits.wrongPasswordsFrom.record(browser.ip)
    log(`A sign-in with a wrong email or password (from ${browser.ip}).`)
    return { kind: 'wrong' }
  }
  limits.wrongPasswords.clear(account)

  if (!user.phoneConfirmed) {
    const codeProblem = await sendCode(deps, user)
    return codeProblem ? { kind: 'verify-phone', user, codeProblem } : { kind: 'verify-phone', user }
  }
  if (!isStepWritten(deps.app, 7)) return { kind: 'password-only', user }
  return startSecondFactor(deps, user, browser)
}

async function startSecondFactor(
  deps: SignInDeps,
  user: User,
  browser: Browser
): Promise<Extract<PasswordOutcome, { kind: 'second-factor' | 'step-failed' }>> {
  const { store, log } = deps
  const now = deps.clock()
  const signIn: SignIn = {
    id: newId(),
    userId: user.id,
    status: 'sending',
    approvalUuid: null,
    browser,
    createdAt: new Date(now).toISOString(),
    expiresAt: null,
    decidedAt: null,
    completedAt: null,
    completedBy: null,
    problem: null,
  }
  await store.addSignIn(signIn)

  // No app on the phone: nothing to push to, so straight to the code.
  if (!(await deps.provider.canPush(user))) {
    const ended = await store.endSignIn(signIn.id, { status: 'no-app', problem: null })
    log(`Sign-in ${signIn.id}: the phone has no app to push to, so it is offered a code.`)
    return { kind: 'second-factor', signIn: ended ?? signIn }
  }

  try {
    const uuid = await deps.provider.startSignIn({
      user: structuredClone(user),
      browser: { ...browser, at: signIn.createdAt },
      secondsToExpire: SIGN_IN_SECONDS_TO_EXPIRE,
    })
    if (typeof uuid !== 'string' || uuid.trim() === '') {
      throw new StepFailedError(
        7,
        new Error(`it returned ${JSON.stringify(uuid)} instead of the approval request's uuid`)
      )
    }
    const expiresAt = new Date(now + SIGN_IN_SECONDS_TO_EXPIRE * 1000).toISOString()
    const sent = (await store.markSignInSent(signIn.id, { approvalUuid: uuid, expiresAt }))!
    deps.signInWatcher.watch(sent)
    log(`Sign-in ${signIn.id}: waiting for the phone to approve it.`)
    return { kind: 'second-factor', signIn: sent }
  } catch (error) {
    if (isProviderError(error)) {
      const message = `The sign-in could not be sent to your phone (${providerMessage(error)}).`
      log(`Sign-in ${signIn.id}: failed. ${message}`)
      const ended = await store.endSignIn(signIn.id, { status: 'failed', problem: { message } })
      return { kind: 'second-factor', signIn: ended ?? signIn }
    }
    const stepError = error instanceof StepFailedError ? error : new StepFailedError(7, error)
    const ended = await store.endSignIn(signIn.id, {
      status: 'failed',
      problem: { message: 'Step 7 failed: see the terminal.' },
    })
    return { kind: 'step-failed', signIn: ended ?? signIn, error: stepError }
  }
}

/** How a sign-in code was taken. */
export type SignInCodeOutcome =
  | { kind: 'signed-in'; signIn: SignIn }
  | WrongCodeOutcome
  | { kind: 'provider-failed'; message: string }
  /** This sign-in already made a session: sign in again. */
  | { kind: 'used' }

/**
 * The fallback: checks a code (SMS or app) with step 8 (or Verify), at most 5 wrong codes per user in 10
 * minutes; a right one completes the sign-in, once.
 *
 * @example
 * const outcome = await checkSignInCode(deps, signIn, user, '1234567')
 */
export async function checkSignInCode(
  deps: SignInDeps,
  signIn: SignIn,
  user: User,
  token: string
): Promise<SignInCodeOutcome> {
  const { limits } = deps
  const waitMs = limits.wrongCodes.waitFor(user.id)
  if (waitMs > 0) return { kind: 'locked', waitMs }
  try {
    await deps.provider.checkSignInCode(structuredClone(user), token)
  } catch (error) {
    if (isWrongCode(error)) return wrongCode(limits.wrongCodes, user.id)
    if (isProviderError(error)) return { kind: 'provider-failed', message: providerMessage(error) }
    throw error
  }
  limits.wrongCodes.clear(user.id)
  const completed = await deps.store.completeSignIn(signIn.id, 'code')
  if (!completed) return { kind: 'used' }
  deps.log(`Sign-in ${signIn.id}: signed in with a code.`)
  return { kind: 'signed-in', signIn: completed }
}

/**
 * Completes a sign-in the phone approved, once: the browser may then be signed in. Undefined when
 * it is not approved, or already made a session.
 *
 * @example
 * if (await completeApprovedSignIn(store, signInId)) signInAs(c, user)
 */
export async function completeApprovedSignIn(
  store: Pick<BankStore, 'completeSignIn'>,
  signInId: string
): Promise<SignIn | undefined> {
  return store.completeSignIn(signInId, 'onetouch')
}
