import type { FC } from 'hono/jsx'
import type { PhoneViewModel } from '../phone-view-model.js'
import { formatDuration } from './format-duration.js'

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
    {model.banner && (
      <div class="banner" role="alert">
        <strong>Callbacks are off</strong>
        {model.banner}
      </div>
    )}
    <h2 id="requests">
      Approval requests {model.pending.length > 0 && <span class="count">{model.pending.length}</span>}
    </h2>
    {model.pending.length === 0 ? (
      <div class="card empty">
        <strong>Nothing to approve</strong>
        New requests from {model.appName} appear here by themselves.
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
                    <time datetime={request.at}>{shortTime(request.at)}</time>
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
    `/phone/${encodeURIComponent(model.token)}/approval_requests/${encodeURIComponent(request.uuid)}/${decision}`
  return (
    <article class="card request" data-uuid={request.uuid}>
      <div class="top">
        <span class="app">{model.appName}</span>
        <span class="timer">
          {request.secondsLeft === null ? (
            'Never expires'
          ) : (
            <>
              <span data-left={String(request.secondsLeft)}>{formatDuration(request.secondsLeft)}</span> left
            </>
          )}
        </span>
      </div>
      <h3>{request.message}</h3>
      {request.details.length > 0 && (
        <dl class="details">
          {request.details.map(([name, value]) => (
            <div>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div class="actions">
        <form method="post" action={action('deny')}>
          <button type="submit" class="deny">
            Deny
          </button>
        </form>
        <form method="post" action={action('approve')}>
          <button type="submit" class="approve">
            Approve
          </button>
        </form>
      </div>
    </article>
  )
}

const TokenCard: FC<{ model: PhoneViewModel }> = ({ model }) =>
  model.totp ? (
    <div class="card token-card">
      <p class="token" aria-label="Authy token">
        {model.totp.token.slice(0, 3)} {model.totp.token.slice(3)}
      </p>
      <div class="token-meta">
        <progress
          max={String(model.totp.periodSeconds)}
          value={String(model.totp.secondsLeft)}
          data-left={String(model.totp.secondsLeft)}
        />
        <span data-left={String(model.totp.secondsLeft)} data-style="seconds">
          {model.totp.secondsLeft} s
        </span>
      </div>
    </div>
  ) : (
    <div class="card empty">
      <strong>Authy app not registered</strong>
      This phone has no registered Authy app, so there are no app tokens or push requests. SMS and
      calls still arrive below.
    </div>
  )

const Inbox: FC<{ messages: PhoneViewModel['messages'] }> = ({ messages }) =>
  messages.length === 0 ? (
    <div class="card empty">
      <strong>No messages</strong>
      Text messages and calls with codes appear here.
    </div>
  ) : (
    <div class="card list">
      <ul>
        {messages.map((message) => (
          <li class="msg">
            <span class="icon" aria-hidden="true">
              {message.channel === 'sms' ? '💬' : '📞'}
            </span>
            <div class="body">
              {message.body}
              {message.code && (
                <div>
                  <span class="code">{message.code}</span>
                </div>
              )}
              <small class="when">
                {message.channel === 'sms' ? 'SMS' : 'Call'} ·{' '}
                <time datetime={message.at}>{shortTime(message.at)}</time>
              </small>
            </div>
          </li>
        ))}
      </ul>
    </div>
  )

function shortTime(iso: string): string {
  return `${iso.slice(11, 19)} UTC`
}
