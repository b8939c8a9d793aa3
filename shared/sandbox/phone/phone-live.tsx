import type { FC } from 'hono/jsx'
import { CodeTimeLeft, DecisionButtons, RequestDetails, TimeLeft } from './card-parts.js'
import type { PhoneViewModel } from './phone-view-model.js'

/**
 * The part of a phone page that changes: callback banner, app token, pending approval requests
 * (every detail, never hidden_details), inbox, recent decisions. Served alone at `<page>/live`
 * for the page's script to swap in. Everything is escaped by hono/jsx.
 *
 * @example
 * c.html(<PhoneLive model={model} />)
 */
export const PhoneLive: FC<{ model: PhoneViewModel }> = ({ model }) => (
  <>
    {model.banners.map((banner) => (
      <div class="banner" role="alert">
        <strong>Callbacks are switched off</strong>
        {banner}
      </div>
    ))}
    <h2 id="requests" tabindex={-1}>
      Approval requests{' '}
      {model.pending.length > 0 && <span class="count">{model.pending.length}</span>}
    </h2>
    {model.pending.length === 0 ? (
      <div class="card empty">
        <strong>Nothing to approve</strong>
        New requests from {model.appNames} appear here by themselves.
      </div>
    ) : (
      model.pending.map((request) => <PendingRequest model={model} request={request} />)
    )}
    <h2>Authy token</h2>
    <TokenCard model={model} />
    <h2>Messages</h2>
    <Inbox messages={model.messages} />
    {model.recent.length > 0 && (
      <>
        <h2>Recent answers</h2>
        <div class="card list history">
          <ul>
            {model.recent.map((request) => (
              <li>
                <div class="what">
                  {request.message}
                  <small class="when">
                    {request.appName} · <time datetime={request.at}>{request.atText}</time>
                  </small>
                </div>
                <span class={`badge ${request.status}`}>{request.status}</span>
              </li>
            ))}
          </ul>
        </div>
      </>
    )}
  </>
)

const PendingRequest: FC<{ model: PhoneViewModel; request: PhoneViewModel['pending'][number] }> = ({
  model,
  request,
}) => {
  const action = (decision: string) =>
    `/phone/${encodeURIComponent(model.token)}/approval_requests/` +
    `${encodeURIComponent(request.uuid)}/${decision}`
  return (
    <article class="card request" data-uuid={request.uuid}>
      <div class="top">
        <span class="app">{request.appName}</span>
        <span class="timer">
          {request.msLeft === null ? (
            'Never expires'
          ) : (
            <TimeLeft msLeft={request.msLeft} />
          )}
        </span>
      </div>
      <h3>{request.message}</h3>
      <RequestDetails fields={request.details} />
      <DecisionButtons action={action} />
    </article>
  )
}

const TokenCard: FC<{ model: PhoneViewModel }> = ({ model }) => {
  if (!model.totp) return <NoApp />
  return (
    <div class="card token-card">
      <p class="token">
        {model.totp.token.slice(0, 3)} {model.totp.token.slice(3)}
      </p>
      <CodeTimeLeft msLeft={model.totp.msLeft} periodSeconds={model.totp.periodSeconds} />
    </div>
  )
}

const NoApp: FC = () => (
  <div class="card empty">
    <strong>Authy app not registered</strong>
    This phone has no registered Authy app, so there are no app tokens or push requests. SMS and
    calls still arrive below.
  </div>
)

/** A phone's inbox: texts, calls and emails, their codes, senders and times. */
export const Inbox: FC<{ messages: PhoneViewModel['messages'] }> = ({ messages }) =>
  messages.length === 0 ? (
    <div class="card empty">
      <strong>No messages</strong>
      Text messages, calls and emails with codes appear here, and texts sent with Twilio.
    </div>
  ) : (
    <div class="card list">
      <ul>
        {messages.map((message) => (
          <li class="msg">
            <span class="icon" aria-hidden="true">
              {message.channel === 'sms' ? (
                <BubbleIcon />
              ) : message.channel === 'email' ? (
                <MailIcon />
              ) : (
                <CallIcon />
              )}
            </span>
            <div class="body">
              <span class="text">{message.body}</span>
              {message.code && (
                <div>
                  <span class="code">{message.code}</span>
                </div>
              )}
              <small class="when">
                {CHANNEL_NAMES[message.channel]}
                {message.from && (
                  <>
                    {' '}
                    from <span class="from">{message.from}</span>
                  </>
                )}{' '}
                · <time datetime={message.at}>{message.atText}</time>
              </small>
            </div>
          </li>
        ))}
      </ul>
    </div>
  )

const CHANNEL_NAMES: Record<PhoneViewModel['messages'][number]['channel'], string> = {
  sms: 'SMS',
  call: 'Call',
  email: 'Email',
}

const MailIcon: FC = () => (
  <svg viewBox="0 0 24 24" width="18" height="18">
    <path
      fill="currentColor"
      d="M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.2V17h16V7.2l-8 5.3z"
    />
  </svg>
)

const BubbleIcon: FC = () => (
  <svg viewBox="0 0 24 24" width="18" height="18">
    <path
      fill="currentColor"
      d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"
    />
  </svg>
)

// A telephone handset, drawn in a 24×24 box.
const CALL_PATH = [
  'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25c1.1.37 2.3.57 3.6.57a1 1 0 0 1 1 1V20',
  'a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1',
  'c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
].join('')

const CallIcon: FC = () => (
  <svg viewBox="0 0 24 24" width="18" height="18">
    <path fill="currentColor" d={CALL_PATH} />
  </svg>
)
