import { Hono } from 'hono'
import { stepGuide } from '../../steps/guide.js'
import { isStepWritten } from '../../steps/locate-step.js'
import { messageOf, stepLabel } from '../../steps/step-messages.js'
import type { BankAppDeps } from '../bank-deps.js'
import { signedInUser } from '../http/access.js'
import type { BankEnv } from '../http/bank-env.js'
import { frame, render } from '../http/render.js'
import { bankCookie, signOut } from '../http/sessions.js'
import { verifyIdentity } from '../provider/verify/verify-service.js'
import { isVerifyProvider } from '../provider/verify/verify-provider.js'
import { AccountPage } from '../views/account-page.js'
import { qrLink, type QrLink } from '../views/qr-link.js'

/**
 * `GET /account` (the user's Authy id and phone page) and `POST /logout` ("Sign out": the session
 * ends on the server).
 *
 * @example
 * app.route('/', accountRoutes(deps))
 */
export function accountRoutes(deps: BankAppDeps): Hono<BankEnv> {
  const cookie = bankCookie(deps.config.variant, deps.sessionSecret)

  return new Hono<BankEnv>()
    .get('/account', async (c) => {
      const user = signedInUser(c)
      let phone: QrLink | undefined
      let phoneProblem: string | undefined
      if (deps.sandbox) {
        try {
          phone = qrLink(await deps.sandbox.phoneUrl(user))
        } catch (error) {
          phoneProblem = `The sandbox could not give your phone page (${messageOf(error)}).`
        }
      }
      const { provider } = deps
      const verify = isVerifyProvider(provider)
        ? {
            identity: verifyIdentity(user.id),
            authenticator: await provider.authenticator.state(user.id).catch(() => 'none' as const),
          }
        : undefined
      return render(
        c,
        <AccountPage
          {...frame(c)}
          verify={verify}
          user={user}
          phone={phone}
          phoneProblem={phoneProblem}
          sandbox={Boolean(deps.sandbox)}
          startCommand={deps.config.variant === 'solution' ? 'npm start' : 'npm run workshop'}
          notices={[
            deps.flash.take(c),
            passwordOnlyNotice(deps),
            await deps.sandbox?.callbackNotice?.(),
          ].filter((text) => text !== undefined)}
        />
      )
    })
    .post('/logout', async (c) => {
      await signOut(c, cookie, deps.store)
      return c.redirect('/', 303)
    })
}

// While step 7 is not written, a sign-in is the password alone: say so where it shows.
function passwordOnlyNotice(deps: Pick<BankAppDeps, 'config'>): string | undefined {
  if (isStepWritten(deps.config, 7)) return undefined
  const guide = stepGuide(7)
  return (
    `Sign-ins take the password alone for now: ${stepLabel(guide)} is not done yet, in ` +
    `\`${deps.config.variant}/${guide.file}\`.`
  )
}
