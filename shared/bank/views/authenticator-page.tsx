import type { FC } from 'hono/jsx'
import encodeQR from 'qr'
import { CodeForm, PostButton } from './code-form.js'
import { Layout, type LayoutProps } from './layout.js'

export interface AuthenticatorPageProps extends Omit<LayoutProps, 'title'> {
  csrfToken: string
  /** The new TOTP factor's `otpauth://` URI, shown once (right after it is made); else undefined. */
  uri: string | undefined
  errors: { code?: string | undefined; form?: string | undefined }
}

/**
 * Setting up an authenticator app with Twilio Verify (`PROVIDER=verify`): the QR code of a new
 * TOTP factor (and its link, to type in by hand), then the first code the app shows, which
 * verifies it. The secret is shown once and kept nowhere by the bank.
 *
 * @example
 * <AuthenticatorPage variant="solution" csrfToken={token} uri="otpauth://totp/…" errors={{}} />
 */
export const AuthenticatorPage: FC<AuthenticatorPageProps> = (props) => (
  <Layout {...props} title="Set up your authenticator app">
    <section class="intro">
      <p class="eyebrow">Your account · authenticator app</p>
      <h1>Scan this with your authenticator app</h1>
      <p class="lead">
        Its codes sign you in when your phone cannot take the push. Then type the code it shows
        to finish.
      </p>
    </section>
    {props.uri ? (
      <section class="card phone-card">
        <div class="phone-link">
          <img
            class="qr"
            src={`data:image/svg+xml;base64,${Buffer.from(encodeQR(props.uri, 'svg', { ecc: 'medium', border: 2 })).toString('base64')}`}
            alt="QR code for your authenticator app"
            width="200"
            height="200"
          />
          <div>
            <p>Or add it by hand with this link (it holds the secret: keep it to yourself):</p>
            <p class="mono url">{props.uri}</p>
          </div>
        </div>
      </section>
    ) : (
      <p class="hint">
        The QR code was shown once. If your app does not have it, start again to get a new one.
      </p>
    )}
    <CodeForm
      action="/account/authenticator/confirm"
      name="code"
      label="Code from the app"
      hint="The digits the app shows now, e.g. 123456"
      csrfToken={props.csrfToken}
      error={props.errors.code}
      formError={props.errors.form}
      submitLabel="Finish setting up"
    />
    <div class="more-actions">
      <PostButton action="/account/authenticator" csrfToken={props.csrfToken} label="Start again" />
    </div>
  </Layout>
)
