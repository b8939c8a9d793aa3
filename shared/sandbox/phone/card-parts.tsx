import type { FC } from 'hono/jsx'
import { formatDuration } from './format-duration.js'

/** "4:59 left", counted down by the page's script from `data-left-ms`. */
export const TimeLeft: FC<{ msLeft: number }> = ({ msLeft }) => (
  <>
    <span data-left-ms={String(msLeft)}>{formatDuration(Math.ceil(msLeft / 1000))}</span> left
  </>
)

/** A request's details as the phone lists them, label and value; nothing when there are none. */
export const RequestDetails: FC<{ fields: Array<[string, string]> }> = ({ fields }) =>
  fields.length === 0 ? null : (
    <dl class="details">
      {fields.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )

/** Deny and Approve, each a form posted to `action(decision)`. */
export const DecisionButtons: FC<{ action: (decision: 'approve' | 'deny') => string }> = ({
  action,
}) => (
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
)

/** How long an app code has left: a bar and the seconds, both counted down by the page's script. */
export const CodeTimeLeft: FC<{ msLeft: number; periodSeconds: number }> = ({
  msLeft,
  periodSeconds,
}) => {
  const seconds = Math.ceil(msLeft / 1000)
  return (
    <div class="token-meta">
      <progress
        max={String(periodSeconds)}
        value={String(seconds)}
        data-left-ms={String(msLeft)}
        data-period-s={String(periodSeconds)}
      />
      <span data-left-ms={String(msLeft)} data-period-s={String(periodSeconds)} data-style="seconds">
        {seconds} s
      </span>
    </div>
  )
}
