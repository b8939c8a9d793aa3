import type { FC } from 'hono/jsx'
import type { User } from '../../model/user.js'
import type { QrLink } from './qr-link.js'
import { ActionLink } from './action-link.js'
import { AuthenticatorCard } from './authenticator-card.js'
import { Notice } from './notice.js'
import { Layout, type LayoutProps } from './layout.js'

export interface AccountPageProps extends Omit<LayoutProps, 'title'> {
  user: User
  /** Set when the embedded sandbox stands in for the Authy app. */
  phone: QrLink | undefined
  /** Why the phone link is missing, when the sandbox could not say. */
  phoneProblem: string | undefined
  sandbox: boolean
  /** The command that starts this app (`npm start`, `npm run workshop`), for the hint. */
  startCommand: string
  /** What just happened, or a step not written yet that changes how the account works. */
  notices: string[]
  /** Set when the bank uses Twilio Verify (`PROVIDER=verify`) instead of Authy. */
  verify?: { identity: string; authenticator: 'none' | 'unverified' | 'verified' } | undefined
  csrfToken?: string
}

/**
 * After registering: who the user is to Authy, the link and QR code of their phone page (with the
 * sandbox), and the way to a transfer.
 *
 * @example
 * <AccountPage variant="solution" user={user} phone={phone} phoneProblem={undefined} sandbox startCommand="npm start" notices={[]} />
 */
export const AccountPage: FC<AccountPageProps> = (props) => {
  const { user, phone, verify } = props
  const app = verify ? 'an app with Verify Push' : 'the Authy app'
  return (
    <Layout {...props} title="Your account">
      <section class="intro">
        <p class="eyebrow">Your account</p>
        {verify ? (
          <>
            <h1>You are registered with Twilio Verify</h1>
            <p class="lead">
              Twilio Verify knows <strong>{user.email}</strong> (+{user.countryCode}{' '}
              {user.phoneNumber}) as identity{' '}
              <strong class="mono">{verify.identity.slice(0, 12)}…</strong>
            </p>
          </>
        ) : (
          <>
            <h1>You are registered with Authy</h1>
            <p class="lead">
              Authy knows <strong>{user.email}</strong> (+{user.countryCode} {user.phoneNumber})
              as user <strong class="mono">{String(user.authyId)}</strong>.
            </p>
          </>
        )}
      </section>
      {props.notices.map((text) => (
        <Notice text={text} />
      ))}
      <section class="card phone-card">
        <h2>Your phone</h2>
        {props.sandbox ? (
          phone ? (
            <div class={phone.loopbackOnly ? 'phone-link phone-link-local' : 'phone-link'}>
              {phone.loopbackOnly ? null : (
                <img
                  class="qr"
                  src={phone.qrDataUrl}
                  alt="QR code of your phone page"
                  width="200"
                  height="200"
                />
              )}
              <div>
                <p>
                  In this workshop a web page stands in for {app}. Open your phone page
                  {phone.loopbackOnly ? ' in another browser window' : ' on your phone (scan the code) or in another browser window'}
                  , and keep it open: approval requests appear there.
                </p>
                <ActionLink href={phone.url} newTab>
                  Open your phone page
                </ActionLink>
                <p class="mono url">
                  <span>{phone.url.slice(0, phone.url.lastIndexOf('/') + 1)}</span>
                  <wbr />
                  <span>{phone.url.slice(phone.url.lastIndexOf('/') + 1)}</span>
                </p>
                {phone.loopbackOnly ? (
                  <p class="hint">
                    This link works only on this computer: the sandbox listens on 127.0.0.1, which
                    a phone cannot reach. To open it on a phone on the same Wi-Fi, stop the app
                    (Ctrl+C) and start it again with{' '}
                    <code>{`SANDBOX_HOST=0.0.0.0 ${props.startCommand}`}</code>: the link and its
                    QR code then use this computer's network address.
                  </p>
                ) : null}
              </div>
            </div>
          ) : (
            <p class="form-error">
              {props.phoneProblem ?? 'The sandbox did not give a phone page for this user.'} The
              link and QR code are also printed in the terminal that runs the app.
            </p>
          )
        ) : (
          <p>
            {verify
              ? `Approval requests go to the app with Verify Push for this bank on the phone +${user.countryCode} ${user.phoneNumber}: enrol that phone in the app first.`
              : `Approval requests go to the Authy app on the phone registered as +${user.countryCode} ${user.phoneNumber}. Install Authy there and sign in with that number.`}
          </p>
        )}
      </section>
      {verify && props.csrfToken ? (
        <AuthenticatorCard state={verify.authenticator} csrfToken={props.csrfToken} />
      ) : null}
      <ActionLink href="/transfers/new" primary>
        Make a transfer
      </ActionLink>
    </Layout>
  )
}
