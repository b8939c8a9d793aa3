import type { FC } from 'hono/jsx'
import type { SignInView } from './sign-in-view.js'
import { ActionLink } from './action-link.js'
import { CodeForm, PostButton } from './code-form.js'
import { Layout, type LayoutProps } from './layout.js'
import { Notice } from './notice.js'

export interface SignInWaitPageProps extends Omit<LayoutProps, 'title' | 'script' | 'refreshSeconds'> {
  csrfToken: string
  view: SignInView
  /** The server's clock, for the countdown. */
  now: number
  /** The user's sandbox phone page, offered while the phone decides. */
  phoneUrl?: string | undefined
  errors: { token?: string | undefined; form?: string | undefined }
  notice?: string | undefined
}

/**
 * Between the password and the account: waiting for the phone to approve (live, and by refreshing
 * without JavaScript), then on to the account; or, when the phone says no or cannot say, a code
 * instead: "Text me a code", or the Authy app's.
 *
 * @example
 * <SignInWaitPage variant="solution" csrfToken={token} view={signInView(signIn)} now={Date.now()} errors={{}} />
 */
export const SignInWaitPage: FC<SignInWaitPageProps> = (props) => {
  const { view } = props
  const waiting = !view.final
  return (
    <Layout
      {...props}
      title={view.headline}
      script={view.fallback ? undefined : '/assets/sign-in-status.js'}
      refreshSeconds={view.fallback ? undefined : 3}
    >
      <section
        id="sign-in"
        class={`sign-in sign-in-${view.status}`}
        data-events-url="/login/events"
        data-expires-at={view.expiresAt ?? ''}
        data-server-now={String(props.now)}
      >
        <p class="eyebrow">Sign in · second factor</p>
        <h1 id="sign-in-headline" tabindex={-1}>
          {view.headline}
        </h1>
        <p class="lead" id="sign-in-summary">
          {view.summary}
        </p>
        <p
          id="sign-in-countdown"
          class="countdown"
          role="timer"
          aria-live="off"
          hidden={!waiting || !view.expiresAt}
        >
          Expires in <span id="sign-in-countdown-time"></span>
        </p>
        {view.status === 'approved' ? (
          <ActionLink href="/login/complete" primary>
            Continue to your account
          </ActionLink>
        ) : null}
        {waiting && props.phoneUrl ? (
          <ActionLink href={props.phoneUrl} newTab>
            Open your phone page
          </ActionLink>
        ) : null}
      </section>
      <Notice text={props.notice} />
      {view.fallback ? (
        <Fallback {...props} />
      ) : waiting ? (
        <details class="card fallback-later">
          <summary>Cannot approve it? Sign in with a code instead</summary>
          <Fallback {...props} />
        </details>
      ) : null}
    </Layout>
  )
}

const Fallback: FC<SignInWaitPageProps> = (props) => (
  <section class="fallback" aria-labelledby="fallback-title">
    <h2 id="fallback-title">Sign in with a code</h2>
    <p>
      Type the code your app shows (the Authy app, or with Verify your authenticator app), or have
      one texted to you.
    </p>
    <PostButton action="/login/sms" csrfToken={props.csrfToken} label="Text me a code" />
    <CodeForm
      action="/login/token"
      name="token"
      label="Code"
      hint="From the text message or your app, e.g. 1234567"
      csrfToken={props.csrfToken}
      error={props.errors.token}
      formError={props.errors.form}
      submitLabel="Sign in with this code"
      autofocus={props.view.fallback}
    />
  </section>
)
