import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { maskedPhone, type User } from '../../model/user.js'
import type { BankAppDeps } from '../bank-deps.js'
import { confirmPhoneCode, textCode } from '../domain/phone-confirmation.js'
import { readCodeForm } from '../forms/sign-in-forms.js'
import type { BankContext, BankEnv } from '../http/bank-env.js'
import { readForm } from '../http/read-form.js'
import { frame, render } from '../http/render.js'
import { bankCookie, signInAs } from '../http/sessions.js'
import { codeProblem, textedNotice } from '../views/code-messages.js'
import { VerifyPage } from '../views/verify-page.js'

/**
 * Confirming a new phone: `GET /verify` (the code form), `POST /verify` (step 6: the code, then
 * the confirmation text; the browser is then signed in) and `POST /verify/resend` (step 5 again).
 *
 * @example
 * app.route('/', verifyRoutes(deps))
 */
export function verifyRoutes(deps: BankAppDeps): Hono<BankEnv> {
  const cookie = bankCookie(deps.config.variant, deps.sessionSecret)
  const confirmDeps = deps
  const page = async (
    c: BankContext,
    user: User,
    errors: { code?: string; form?: string } = {},
    status = 200
  ) =>
    render(
      c,
      <VerifyPage
        {...frame(c)}
        phone={maskedPhone(user)}
        errors={errors}
        notice={deps.flash.take(c)}
        phoneUrl={await deps.sandbox?.phoneUrl(user).catch(() => undefined)}
      />,
      status
    )

  return new Hono<BankEnv>()
    .get('/verify', async (c) => {
      if (c.get('user')) return c.redirect('/account', 303)
      return page(c, userConfirmingPhone(c, deps))
    })
    .post('/verify', async (c) => {
      const user = userConfirmingPhone(c, deps)
      const form = readCodeForm(await readForm(c), 'code')
      if (!form.data) return page(c, user, form.errors, 400)

      const outcome = await confirmPhoneCode(confirmDeps, user, form.data.code)
      switch (outcome.kind) {
        case 'confirmed':
          await signInAs(c, cookie, deps.store, user.id)
          deps.flash.set(
            c,
            outcome.textProblem ??
              `Your phone is confirmed, and we texted ${maskedPhone(user)} to say so.`
          )
          return c.redirect('/account', 303)
        default: {
          const problem = codeProblem(
            outcome,
            'code',
            'That code is not right. Check the latest text, or send a new code'
          )
          return page(c, user, problem.errors, problem.status)
        }
      }
    })
    .post('/verify/resend', async (c) => {
      const user = userConfirmingPhone(c, deps)
      const outcome = await textCode(confirmDeps, user)
      deps.flash.set(c, textedNotice(outcome, user, 'We sent a new code to'))
      return c.redirect('/verify', 303)
    })
}

// The user whose phone this browser is confirming; anyone else is sent to sign in.
function userConfirmingPhone(c: BankContext, deps: Pick<BankAppDeps, 'store'>): User {
  const pending = c.get('pending')
  const user = pending?.stage === 'verifying-phone' ? deps.store.getUser(pending.userId) : undefined
  if (!user) throw new HTTPException(401, { message: 'no phone to confirm' })
  return user
}
