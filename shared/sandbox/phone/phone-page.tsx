import type { FC, PropsWithChildren } from 'hono/jsx'
import { raw } from 'hono/html'
import { PhoneLive } from './phone-live.js'
import { PHONE_SCRIPT } from './phone-script.js'
import type { PhoneViewModel } from './phone-view-model.js'

/**
 * The note shown after Approve/Deny (the `done` query parameter), or when this opening of the
 * page installed the app.
 */
export type PhoneFlash = 'approved' | 'denied' | 'too-late' | 'gone' | 'installed'

const FLASH_TEXT: Record<PhoneFlash, string> = {
  approved: 'You approved the request.',
  denied: 'You denied the request.',
  'too-late': 'Too late: that request was no longer pending.',
  gone: 'That request does not exist any more.',
  installed: 'Opening this page installed the Authy app on this phone.',
}

const GOOD_NEWS: readonly PhoneFlash[] = ['approved', 'denied', 'installed']

/**
 * The whole HTML document around the page body: local stylesheet, viewport for phones, and the
 * page script with its CSP nonce (the script is a constant, never user data).
 *
 * @example
 * c.html(<PhoneDocument title="Phone" nonce={c.get('secureHeadersNonce')}>...</PhoneDocument>)
 */
export const PhoneDocument: FC<
  PropsWithChildren<{ title: string; nonce?: string; script?: boolean }>
> = ({ title, nonce, script, children }) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <meta name="theme-color" content="#e8262f" />
        <title>{title}</title>
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/phone.css" />
      </head>
      <body>
        {children}
        {script && <script nonce={nonce}>{raw(PHONE_SCRIPT)}</script>}
      </body>
    </html>
  </>
)

const AppBar: FC<{ subtitle: string }> = ({ subtitle }) => (
  <header class="app-bar">
    <div class="logo" aria-hidden="true">
      A
    </div>
    <div>
      <h1>Authy</h1>
      <p>{subtitle}</p>
    </div>
    <span class="tag">Sandbox</span>
  </header>
)

/**
 * A user's phone: the sandbox's stand-in for the Authy app.
 *
 * @example
 * c.html(<PhonePage model={model} flash="approved" nonce={c.get('secureHeadersNonce')} />)
 */
export const PhonePage: FC<{ model: PhoneViewModel; flash: PhoneFlash | null; nonce?: string }> = ({
  model,
  flash,
  nonce,
}) => (
  <PhoneDocument title={`Authy · ${model.phone}`} nonce={nonce} script>
    <main class="phone">
      <AppBar subtitle={model.phone} />
      <div class="content">
        {flash && (
          <p class={GOOD_NEWS.includes(flash) ? 'flash' : 'flash bad'} role="status">
            {FLASH_TEXT[flash]}
          </p>
        )}
        {/* Not a live region: its countdowns tick every second. The script says what is new. */}
        <div id="live">
          <PhoneLive model={model} />
        </div>
        <p id="phone-announcer" class="visually-hidden" role="status" aria-live="polite"></p>
        <h2>Open on a real phone</h2>
        {model.reachableFromPhones ? (
          <div class="card share">
            <img
              src={`/phone/${encodeURIComponent(model.token)}/qr.svg`}
              alt="QR code of this page"
            />
            <div>
              <p>Scan with a phone on the same Wi-Fi to use it as {model.email}'s Authy app.</p>
              <a href={model.pageUrl}>{model.pageUrl}</a>
            </div>
          </div>
        ) : (
          <div class="card share">
            <div>
              <p>
                This page opens only on this computer: the sandbox listens on a loopback address,
                which a phone cannot reach.
              </p>
              <p>
                To use a phone on the same Wi-Fi as {model.email}'s Authy app, start again with{' '}
                <code>SANDBOX_HOST=0.0.0.0</code>: <code>SANDBOX_HOST=0.0.0.0 npm run sandbox</code>
                , and the same variable for the apps (<code>SANDBOX_HOST=0.0.0.0 npm start</code> or{' '}
                <code>SANDBOX_HOST=0.0.0.0 npm run workshop</code>).
              </p>
            </div>
          </div>
        )}
        <p class="foot">
          Authy-compatible sandbox · not the real Authy · codes here are for testing only
        </p>
      </div>
    </main>
  </PhoneDocument>
)

/**
 * The page for a phone link that does not (or no longer) exist.
 *
 * @example
 * c.html(<UnknownPhonePage />, 404)
 */
export const UnknownPhonePage: FC = () => (
  <PhoneDocument title="Unknown phone">
    <main class="phone">
      <AppBar subtitle="Unknown phone" />
      <div class="content">
        <div class="card empty">
          <strong>This phone link is not valid</strong>
          The user may have been removed, or the link was copied incompletely. The sandbox prints
          every phone link in its terminal when a user registers.
        </div>
      </div>
    </main>
  </PhoneDocument>
)
