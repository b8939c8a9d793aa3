import type { FC } from 'hono/jsx'
import { CodeTimeLeft, DecisionButtons, RequestDetails, TimeLeft } from './card-parts.js'
import { Inbox } from './phone-live.js'
import { PhoneDocument } from './phone-page.js'
import type { VerifyPhoneViewModel } from './verify-phone-view-model.js'

/** The note shown after Approve or Deny (the `done` query parameter). */
export type VerifyPhoneFlash = 'approved' | 'denied' | 'too-late' | 'gone'

const FLASH_TEXT: Record<VerifyPhoneFlash, string> = {
  approved: 'You approved the request.',
  denied: 'You denied the request.',
  'too-late': 'Too late: that request was no longer pending.',
  gone: 'That request does not exist any more.',
}

/**
 * A phone with an app built on Twilio's Verify Push SDK: the sandbox's stand-in for it. Pending
 * challenges with Approve and Deny, authenticator codes, the inbox.
 *
 * @example
 * c.html(<VerifyPhonePage model={model} flash={null} nonce={c.get('secureHeadersNonce')} />)
 */
export const VerifyPhonePage: FC<{
  model: VerifyPhoneViewModel
  flash: VerifyPhoneFlash | null
  nonce?: string
}> = ({ model, flash, nonce }) => (
  <PhoneDocument title={`Verify · ${model.phone}`} nonce={nonce} script>
    <main class="phone">
      <header class="app-bar">
        <div class="logo" aria-hidden="true">
          V
        </div>
        <div>
          <h1>Verify Push</h1>
          <p>{model.phone}</p>
        </div>
        <span class="tag">Sandbox</span>
      </header>
      <div class="content">
        {flash && (
          <p class={flash === 'approved' || flash === 'denied' ? 'flash' : 'flash bad'} role="status">
            {FLASH_TEXT[flash]}
          </p>
        )}
        <div id="live" aria-live="polite">
          <VerifyPhoneLive model={model} />
        </div>
        <h2>Open on a real phone</h2>
        <div class="card share">
          {model.reachableFromPhones ? (
            <>
              <img
                src={`/phone/verify/${encodeURIComponent(model.token)}/qr.svg`}
                alt="QR code of this page"
              />
              <div>
                <p>Scan with a phone on the same Wi-Fi to use it as this phone's Verify Push app.</p>
                <a href={model.pageUrl}>{model.pageUrl}</a>
              </div>
            </>
          ) : (
            <div>
              <p>
                This page opens only on this computer: the sandbox listens on a loopback address.
                Start it with <code>SANDBOX_HOST=0.0.0.0</code> to open it on a phone on the same
                Wi-Fi.
              </p>
            </div>
          )}
        </div>
        <p class="foot">
          Verify-compatible sandbox · stands in for an app built on Twilio's Verify Push SDK
        </p>
      </div>
    </main>
  </PhoneDocument>
)

/**
 * The part of the page that changes, also served alone at `<page>/live`: the webhook banner,
 * pending challenges (message and every field, never hidden details), authenticator codes, the
 * inbox and recent answers. Everything is escaped by hono/jsx.
 *
 * @example
 * c.html(<VerifyPhoneLive model={model} />)
 */
export const VerifyPhoneLive: FC<{ model: VerifyPhoneViewModel }> = ({ model }) => (
  <>
    {model.banner && (
      <div class="banner" role="alert">
        <strong>A webhook is failing</strong>
        {model.banner}
      </div>
    )}
    <h2 id="requests">
      Push requests{' '}
      {model.pending.length > 0 && <span class="count">{model.pending.length}</span>}
    </h2>
    {model.pending.length === 0 ? (
      <div class="card empty">
        <strong>Nothing to approve</strong>
        New push challenges for this phone appear here by themselves.
      </div>
    ) : (
      model.pending.map((challenge) => <PendingChallenge model={model} challenge={challenge} />)
    )}
    <h2>Authenticator codes</h2>
    {model.codes.length === 0 ? (
      <div class="card empty">
        <strong>No TOTP factors</strong>
        The codes of this phone's TOTP factors appear here once an app creates one.
      </div>
    ) : (
      model.codes.map((code) => <CodeCard code={code} />)
    )}
    <h2>Messages</h2>
    <Inbox messages={model.messages} />
    {model.recent.length > 0 && (
      <>
        <h2>Recent answers</h2>
        <div class="card list history">
          <ul>
            {model.recent.map((challenge) => (
              <li>
                <div class="what">
                  {challenge.message}
                  <small class="when">
                    <time datetime={challenge.at}>{challenge.atText}</time>
                  </small>
                </div>
                <span class={`badge ${challenge.status}`}>{challenge.status}</span>
              </li>
            ))}
          </ul>
        </div>
      </>
    )}
  </>
)

const PendingChallenge: FC<{
  model: VerifyPhoneViewModel
  challenge: VerifyPhoneViewModel['pending'][number]
}> = ({ model, challenge }) => {
  const action = (decision: string) =>
    `/phone/verify/${encodeURIComponent(model.token)}/challenges/` +
    `${encodeURIComponent(challenge.sid)}/${decision}`
  return (
    <article class="card request" data-sid={challenge.sid}>
      <div class="top">
        <span class="app">{challenge.serviceName}</span>
        <span class="timer">
          <TimeLeft msLeft={challenge.msLeft} />
        </span>
      </div>
      <h3>{challenge.message}</h3>
      <RequestDetails fields={challenge.fields} />
      <DecisionButtons action={action} />
    </article>
  )
}

const CodeCard: FC<{ code: VerifyPhoneViewModel['codes'][number] }> = ({ code }) => {
  const half = Math.ceil(code.code.length / 2)
  return (
    <div class="card token-card" data-factor-sid={code.factorSid}>
      <p class="muted">
        {code.issuer} · {code.name}
      </p>
      <p class="token">
        {code.code.slice(0, half)} {code.code.slice(half)}
      </p>
      <CodeTimeLeft msLeft={code.msLeft} periodSeconds={code.periodSeconds} />
    </div>
  )
}
