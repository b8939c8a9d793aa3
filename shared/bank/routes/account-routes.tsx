import { Hono } from 'hono'
import { messageOf } from '../../steps/step-messages.js'
import type { BankAppDeps } from '../bank-deps.js'
import type { BankEnv } from '../http/bank-env.js'
import { frame, render } from '../http/render.js'
import { bankCookie, signOut } from '../http/sessions.js'
import { AccountPage } from '../views/account-page.js'
import { phoneLink, type PhoneLink } from '../views/phone-link.js'

/**
 * `GET /account` (the user's Authy id and phone page) and `POST /logout` ("Start over").
 *
 * @example
 * app.route('/', accountRoutes(deps))
 */
export function accountRoutes(deps: BankAppDeps): Hono<BankEnv> {
  const cookie = bankCookie(deps.config.variant, deps.sessionSecret)

  return new Hono<BankEnv>()
    .get('/account', async (c) => {
      const user = c.get('user')
      if (!user) return c.redirect('/', 303)
      let phone: PhoneLink | undefined
      let phoneProblem: string | undefined
      if (deps.sandbox) {
        try {
          phone = phoneLink(await deps.sandbox.phoneUrl(user.authyId))
        } catch (error) {
          phoneProblem = `The sandbox could not give your phone page (${messageOf(error)}).`
        }
      }
      return render(
        c,
        <AccountPage
          {...frame(c)}
          user={user}
          phone={phone}
          phoneProblem={phoneProblem}
          sandbox={Boolean(deps.sandbox)}
          startCommand={deps.config.variant === 'solution' ? 'npm start' : 'npm run workshop'}
        />
      )
    })
    .post('/logout', async (c) => {
      await signOut(c, cookie, deps.store)
      return c.redirect('/', 303)
    })
}
