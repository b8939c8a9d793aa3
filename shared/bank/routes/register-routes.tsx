import { Hono } from 'hono'
import { stepGuide } from '../../steps/guide.js'
import { stepLabel } from '../../steps/step-messages.js'
import type { BankAppDeps } from '../bank-deps.js'
import { authyAdvice } from '../domain/authy-advice.js'
import { signUp } from '../domain/sign-up.js'
import { authyFieldErrors, readRegisterForm } from '../forms/register-form.js'
import type { BankEnv } from '../http/bank-env.js'
import { readForm } from '../http/read-form.js'
import { frame, render } from '../http/render.js'
import { bankCookie, signInAs, startPending } from '../http/sessions.js'
import { RegisterPage } from '../views/register-page.js'

const BLANK = { email: '', password: '', country_code: '', phone_number: '' }

/**
 * `GET /` (the sign-up form) and `POST /register`: step 1, then a code to confirm the phone
 * (step 5) and on to `/verify`; the browser is signed in only once the phone is confirmed.
 *
 * @example
 * app.route('/', registerRoutes(deps))
 */
export function registerRoutes(deps: BankAppDeps): Hono<BankEnv> {
  const cookie = bankCookie(deps.config.variant, deps.sessionSecret)
  const signUpDeps = { ...deps, app: deps.config }

  return new Hono<BankEnv>()
    .get('/', async (c) => {
      if (c.get('user')) return c.redirect('/transfers/new', 303)
      if (c.get('pending')?.stage === 'verifying-phone') return c.redirect('/verify', 303)
      return render(c, <RegisterPage {...frame(c)} values={BLANK} errors={{}} />)
    })
    .post('/register', async (c) => {
      const form = readRegisterForm(await readForm(c))
      const again = (errors: typeof form.errors, status: number) =>
        render(c, <RegisterPage {...frame(c)} values={form.values} errors={errors} />, status)
      if (!form.data) return again(form.errors, 400)

      const outcome = await signUp(signUpDeps, form.data)
      switch (outcome.kind) {
        case 'email-taken':
          return again({ email: 'An account with this email exists already: sign in instead.' }, 400)
        case 'authy-refused': {
          const { error } = outcome
          const fieldErrors = authyFieldErrors(error)
          if (Object.keys(fieldErrors).length > 0) return again(fieldErrors, 400)
          const message = `Authy could not register you: ${error.describe()}. ${authyAdvice(error)}`
          return again({ form: message }, error.transient ? 503 : 400)
        }
        case 'phone-skipped': {
          const guide = stepGuide(outcome.missingStep)
          await signInAs(c, cookie, deps.store, outcome.user.id)
          deps.flash.set(
            c,
            `Your phone counts as confirmed for now: ${stepLabel(guide)} is not done yet, in ` +
              `\`${deps.config.variant}/${guide.file}\`.`
          )
          return c.redirect('/account', 303)
        }
        case 'verify-phone':
          await startPending(c, cookie, deps.store, {
            stage: 'verifying-phone',
            userId: outcome.user.id,
            signInId: null,
          })
          if (outcome.codeProblem) deps.flash.set(c, outcome.codeProblem)
          return c.redirect('/verify', 303)
      }
    })
}
