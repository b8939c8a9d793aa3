import type { FC, PropsWithChildren } from 'hono/jsx'
import type { User } from '../../model/user.js'

export const BANK_NAME = 'OneTouch Bank'

export interface LayoutProps {
  title: string
  /** Which app this is, shown in the header so attendees know which one they are looking at. */
  variant: string
  /** The CSP nonce for this response's scripts. */
  nonce?: string
  /** The signed-in user, for the header's "Sign out" button. */
  user?: User | undefined
  csrfToken?: string
  /** Reload every N seconds when JavaScript is off (a page still waiting for something). */
  refreshSeconds?: number
  /**
   * A local script to load, e.g. `/assets/live-status.js`. A page with one also gets the polite
   * live region (`#announcer`) its script tells screen readers what changed through.
   */
  script?: string
  /** A second local stylesheet, e.g. `/assets/presenter.css` for the projector. */
  stylesheet?: string
}

/**
 * The page frame: head, header with the bank's name, main content, footer.
 *
 * @example
 * <Layout title="Register" variant="solution"><h1>Register</h1></Layout>
 */
export const Layout: FC<PropsWithChildren<LayoutProps>> = (props) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${props.title} · ${BANK_NAME}`}</title>
      <link rel="stylesheet" href="/assets/style.css" />
      {props.stylesheet ? <link rel="stylesheet" href={props.stylesheet} /> : null}
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      {props.refreshSeconds ? (
        <noscript>
          <meta http-equiv="refresh" content={String(props.refreshSeconds)} />
        </noscript>
      ) : null}
    </head>
    <body>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="/">
            <img src="/assets/favicon.svg" alt="" width="28" height="28" />
            <span>{BANK_NAME}</span>
          </a>
          <span class={`variant variant-${props.variant}`} title="Which copy of the app this is">
            {props.variant}
          </span>
          {props.user && props.csrfToken ? (
            <form class="signout" method="post" action="/logout">
              <span class="who">{props.user.email}</span>
              <input type="hidden" name="csrf_token" value={props.csrfToken} />
              <button type="submit" class="link-button">
                Sign out
              </button>
            </form>
          ) : null}
        </div>
      </header>
      <main class="page">{props.children}</main>
      {props.script ? (
        <div
          id="announcer"
          class="visually-hidden"
          role="status"
          aria-live="polite"
          aria-atomic="true"
        ></div>
      ) : null}
      <footer class="footer">
        A workshop bank: no real money moves. Approvals on your phone, by Authy OneTouch or Twilio Verify.
      </footer>
      {props.script ? <script nonce={props.nonce} src={props.script} defer></script> : null}
    </body>
  </html>
)
