import type { FC } from 'hono/jsx'
import { PostButton } from './code-form.js'

/**
 * The account page's part for an authenticator app (`PROVIDER=verify`): whether one is set up,
 * and the button that sets one up (or replaces it).
 *
 * @example
 * <AuthenticatorCard state="none" csrfToken={token} />
 */
export const AuthenticatorCard: FC<{
  state: 'none' | 'unverified' | 'verified'
  csrfToken: string
}> = (props) => (
  <section class="card">
    <h2>Authenticator app</h2>
    <p>
      {props.state === 'verified'
        ? 'Set up: when your phone cannot take the push, its codes sign you in.'
        : 'Not set up yet: add OneTouch Bank to an authenticator app, and its codes sign you in when your phone cannot take the push.'}
    </p>
    <PostButton
      action="/account/authenticator"
      csrfToken={props.csrfToken}
      label={props.state === 'verified' ? 'Replace it' : 'Set up an authenticator app'}
    />
  </section>
)
