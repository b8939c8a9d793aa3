import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { streamSSE } from 'hono/streaming'
import type { SignIn } from '../../model/sign-in.js'
import { maskedPhone, type User } from '../../model/user.js'
import type { BankAppDeps } from '../bank-deps.js'
import { waitText } from '../domain/attempt-limits.js'
import { textCode } from '../domain/phone-confirmation.js'
import { checkPassword, checkSignInCode, completeApprovedSignIn } from '../domain/sign-in.js'
import { readCodeForm, readSignInForm } from '../forms/sign-in-forms.js'
import type { BankContext, BankEnv } from '../http/bank-env.js'
import { browserOf } from '../http/browser.js'
import { stepProblemPage } from '../http/error-pages.js'
import { liveStream } from '../http/live-stream.js'
import { readForm } from '../http/read-form.js'
import { frame, render } from '../http/render.js'
import { bankCookie, signInAs, startPending } from '../http/sessions.js'
import { SignInPage } from '../views/sign-in-page.js'
import { signInView } from '../views/sign-in-view.js'
import { SignInWaitPage } from '../views/sign-in-wait-page.js'
import { codeProblem, textedNotice } from '../views/code-messages.js'

/**
 * Signing in with two factors: `GET`/`POST /login` (the password), `GET /login/wait` (the phone
 * approves: live by `GET /login/events`, and `GET /login/status` for scripts), `GET
 * /login/complete` (approved: signed in), and the fallback `POST /login/sms` ("Text me a code",
 * step 5) and `POST /login/token` (a code, step 8).
 *
 * @example
 * app.route('/', signInRoutes(deps))
 */
export function signInRoutes(deps: BankAppDeps): Hono<BankEnv> {
  const { store, flash } = deps
  const cookie = bankCookie(deps.config.variant, deps.sessionSecret)
  const signInDeps = { ...deps, app: deps.config }
  const signInPage = (
    c: BankContext,
    form: { values: { email: string }; errors: Record<string, string | undefined> },
    status = 200
  ) =>
    render(
      c,
      <SignInPage {...frame(c)} values={form.values} errors={form.errors} notice={flash.take(c)} />,
      status
    )
  const waitPage = async (
    c: BankContext,
    { signIn, user }: { signIn: SignIn; user: User },
    errors: { token?: string; form?: string } = {},
    status = 200
  ) =>
    render(
      c,
      <SignInWaitPage
        {...frame(c)}
        view={signInView(signIn)}
        now={deps.clock()}
        errors={errors}
        notice={flash.take(c)}
        phoneUrl={await deps.sandbox?.phoneUrl(user).catch(() => undefined)}
      />,
      status
    )

  return new Hono<BankEnv>()
    .get('/login', async (c) => {
      if (c.get('user')) return c.redirect('/account', 303)
      return signInPage(c, { values: { email: '' }, errors: {} })
    })
    .post('/login', async (c) => {
      const form = readSignInForm(await readForm(c))
      if (!form.data) return signInPage(c, form, 400)

      const outcome = await checkPassword(signInDeps, form.data, browserOf(c))
      switch (outcome.kind) {
        case 'wrong':
          return signInPage(
            c,
            { values: form.values, errors: { form: 'The email or the password is not right.' } },
            400
          )
        case 'locked':
          return signInPage(
            c,
            {
              values: form.values,
              errors: { form: `Too many tries: wait ${waitText(outcome.waitMs)}, then try again.` },
            },
            429
          )
        case 'verify-phone':
          await startPending(c, cookie, store, {
            stage: 'verifying-phone',
            userId: outcome.user.id,
            signInId: null,
          })
          flash.set(
            c,
            outcome.codeProblem ??
              `Confirm your phone first: we sent a code to ${maskedPhone(outcome.user)}.`
          )
          return c.redirect('/verify', 303)
        case 'password-only':
          await signInAs(c, cookie, store, outcome.user.id)
          return c.redirect('/account', 303)
        case 'second-factor':
        case 'step-failed':
          await startPending(c, cookie, store, {
            stage: 'second-factor',
            userId: outcome.signIn.userId,
            signInId: outcome.signIn.id,
          })
          if (outcome.kind === 'step-failed') {
            return stepProblemPage(c, { app: deps.config, log: deps.log }, outcome.error, 'POST /login')
          }
          return c.redirect('/login/wait', 303)
      }
    })
    .get('/login/wait', async (c) => waitPage(c, pendingSignIn(c, deps)))
    .get('/login/status', (c) => c.json({ status: pendingSignIn(c, deps).signIn.status }))
    .get('/login/events', (c) => {
      const { signIn } = pendingSignIn(c, deps)
      return streamSSE(c, (stream) =>
        liveStream(stream, {
          event: 'sign-in',
          first: () => store.getSignIn(signIn.id) ?? signIn,
          subscribe: (send) =>
            store.onSignInChange((changed) => {
              if (changed.id === signIn.id) send(changed)
            }),
          view: signInView,
          isFinal: (current) => signInView(current).final,
          signal: deps.signal,
        })
      )
    })
    .get('/login/complete', async (c) => {
      const { signIn } = pendingSignIn(c, deps)
      const completed = await completeApprovedSignIn(store, signIn.id)
      if (!completed) return c.redirect('/login/wait', 303)
      await signInAs(c, cookie, store, completed.userId)
      return c.redirect('/account', 303)
    })
    .post('/login/sms', async (c) => {
      const { user } = pendingSignIn(c, deps)
      const outcome = await textCode(signInDeps, user)
      flash.set(c, textedNotice(outcome, user, 'We texted a code to'))
      return c.redirect('/login/wait', 303)
    })
    .post('/login/token', async (c) => {
      const pending = pendingSignIn(c, deps)
      const form = readCodeForm(await readForm(c), 'token')
      if (!form.data) return waitPage(c, pending, form.errors, 400)

      const outcome = await checkSignInCode(signInDeps, pending.signIn, pending.user, form.data.token)
      switch (outcome.kind) {
        case 'signed-in':
          await signInAs(c, cookie, store, pending.user.id)
          return c.redirect('/account', 303)
        case 'wrong-code':
        case 'locked':
        case 'provider-failed': {
          const problem = codeProblem(outcome, 'token', 'That code is not right: type the newest one')
          return waitPage(c, pending, problem.errors, problem.status)
        }
        case 'used':
          flash.set(c, 'That sign-in was used already: sign in again.')
          return c.redirect('/login', 303)
      }
    })
}

// The sign-in this browser owes a second factor for, and its user; anyone else signs in first.
function pendingSignIn(c: BankContext, deps: Pick<BankAppDeps, 'store'>) {
  const pending = c.get('pending')
  const signIn = pending?.signInId ? deps.store.getSignIn(pending.signInId) : undefined
  const user = signIn && deps.store.getUser(signIn.userId)
  if (!signIn || !user) throw new HTTPException(401, { message: 'no sign-in' })
  return { signIn, user }
}
