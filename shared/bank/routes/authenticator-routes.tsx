import { Hono } from 'hono'
import type { BankAppDeps } from '../bank-deps.js'
import { setUpAuthenticator, confirmAuthenticator } from '../domain/authenticator-setup.js'
import { readCodeForm } from '../forms/sign-in-forms.js'
import { signedInUser } from '../http/access.js'
import type { BankEnv } from '../http/bank-env.js'
import { readForm } from '../http/read-form.js'
import { frame, render } from '../http/render.js'
import type { VerifyProvider } from '../provider/verify/verify-provider.js'
import { codeProblem } from '../views/code-messages.js'
import { AuthenticatorPage } from '../views/authenticator-page.js'

/**
 * Setting up an authenticator app with Twilio Verify (`PROVIDER=verify`): `POST
 * /account/authenticator` makes a new TOTP factor and shows its QR code once, `POST
 * /account/authenticator/confirm` verifies it with the first code (5 wrong per 10 minutes).
 * Signed-in users only.
 *
 * @example
 * app.route('/', authenticatorRoutes(deps, provider))
 */
export function authenticatorRoutes(deps: BankAppDeps, provider: VerifyProvider): Hono<BankEnv> {
  const setupDeps = { ...deps, authenticator: provider.authenticator }
  return new Hono<BankEnv>()
    .post('/account/authenticator', async (c) => {
      const user = signedInUser(c)
      const outcome = await setUpAuthenticator(setupDeps, user)
      if (outcome.kind === 'provider-failed') {
        deps.flash.set(c, `The authenticator app could not be set up (${outcome.message}).`)
        return c.redirect('/account', 303)
      }
      return render(c, <AuthenticatorPage {...frame(c)} uri={outcome.uri} errors={{}} />)
    })
    .post('/account/authenticator/confirm', async (c) => {
      const user = signedInUser(c)
      const form = readCodeForm(await readForm(c), 'code')
      const again = (errors: { code?: string; form?: string }, status: number) =>
        render(c, <AuthenticatorPage {...frame(c)} uri={undefined} errors={errors} />, status)
      if (!form.data) return again(form.errors, 400)
      const outcome = await confirmAuthenticator(setupDeps, user, form.data.code)
      if (outcome.kind === 'set-up') {
        deps.flash.set(c, 'Your authenticator app is set up: its codes sign you in when your phone cannot.')
        return c.redirect('/account', 303)
      }
      const problem = codeProblem(outcome, 'code', 'That code is not right: type the one the app shows now')
      return again(problem.errors, problem.status)
    })
}
