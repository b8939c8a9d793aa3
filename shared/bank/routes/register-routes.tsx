import { Hono } from 'hono'
import type { BankAppDeps } from '../bank-deps.js'
import { register } from '../domain/registration.js'
import { authyAdvice } from '../domain/authy-advice.js'
import { authyFieldErrors, readRegisterForm } from '../forms/register-form.js'
import type { BankEnv } from '../http/bank-env.js'
import { readForm } from '../http/read-form.js'
import { frame, render } from '../http/render.js'
import { bankCookie, signInAs } from '../http/sessions.js'
import { RegisterPage } from '../views/register-page.js'

const BLANK = { email: '', country_code: '', phone_number: '' }

/**
 * `GET /` (the register form) and `POST /register` (step 1, then a session bound to the user).
 *
 * @example
 * app.route('/', registerRoutes(deps))
 */
export function registerRoutes(deps: BankAppDeps): Hono<BankEnv> {
  const cookie = bankCookie(deps.config.variant, deps.sessionSecret)
  const registerDeps = { ...deps, registerUser: deps.steps.registerUser }

  return new Hono<BankEnv>()
    .get('/', async (c) => {
      if (c.get('user')) return c.redirect('/transfers/new', 303)
      return render(c, <RegisterPage {...frame(c)} values={BLANK} errors={{}} />)
    })
    .post('/register', async (c) => {
      const form = readRegisterForm(await readForm(c))
      const again = (errors: typeof form.errors, status: number) =>
        render(c, <RegisterPage {...frame(c)} values={form.values} errors={errors} />, status)
      if (!form.data) return again(form.errors, 400)

      const outcome = await register(registerDeps, form.data)
      if (outcome.kind === 'authy-refused') {
        const { error } = outcome
        const fieldErrors = authyFieldErrors(error)
        if (Object.keys(fieldErrors).length > 0) return again(fieldErrors, 400)
        const message = `Authy could not register you: ${error.describe()}. ${authyAdvice(error)}`
        return again({ form: message }, error.transient ? 503 : 400)
      }
      await signInAs(c, cookie, deps.store, outcome.user.id)
      return c.redirect('/account', 303)
    })
}
