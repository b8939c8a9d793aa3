import type { FC } from 'hono/jsx'
import { utcText } from '../../runtime/utc-text.js'
import { MODULES } from '../../steps/guide.js'
import { ATTENDEE_FADES_AFTER_MS } from '../domain/room-progress.js'
import type { RoomDecision, RoomSnapshot } from '../domain/room-summary.js'
import { DecisionHistogram } from './decision-histogram.js'

const STEPS = MODULES.flatMap((module) => [...module.steps])

/**
 * The part of the room view that changes: counts, decision times, the feed and the progress grid.
 * The page shows it first; the live stream sends it again, rendered here, after each change.
 *
 * @example
 * <RoomLive snapshot={roomSnapshot({ roomCode, store, attendees, now })} />
 */
export const RoomLive: FC<{ snapshot: RoomSnapshot }> = ({ snapshot }) => {
  const { summary } = snapshot
  const { transfers, sign_ins: signIns, decision_seconds: seconds } = summary
  return (
    <>
      <section class="room-counts" aria-label="Counts">
        <Count label="Registered" value={summary.users} id="count-users" />
        <Count label="Phones confirmed" value={summary.phones_confirmed} id="count-phones" />
        <Count label="Waiting" value={transfers.pending} id="count-pending" tone="wait" />
        <Count label="Approved" value={transfers.approved} id="count-approved" tone="ok" />
        <Count label="Denied" value={transfers.denied} id="count-denied" tone="bad" />
        <Count label="Expired" value={transfers.expired} id="count-expired" tone="off" />
        <Count label="Failed" value={transfers.failed} id="count-failed" tone="bad" />
        <Count
          label="Sign-ins approved / denied"
          value={`${signIns.approved} / ${signIns.denied}`}
          id="count-sign-ins"
        />
      </section>
      <div class="room-columns">
        <section class="room-panel">
          <h2>Push to decision</h2>
          <p class="room-figures">
            Median <strong id="decision-p50">{secondsText(seconds.p50)}</strong>
            <span aria-hidden="true"> · </span>
            90th percentile <strong id="decision-p90">{secondsText(seconds.p90)}</strong>
          </p>
          <DecisionHistogram counts={snapshot.histogram} />
        </section>
        <section class="room-panel">
          <h2>Latest decisions</h2>
          {snapshot.feed.length === 0 ? (
            <p class="room-empty">None yet: the first approval on a phone appears here.</p>
          ) : (
            <ol class="room-feed" id="room-feed">
              {snapshot.feed.map((decision) => (
                <li class={`feed-${decision.status}`}>
                  <FeedLine decision={decision} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <ProgressGrid snapshot={snapshot} />
      {snapshot.apps ? <RoomApplications apps={snapshot.apps} /> : null}
    </>
  )
}

const Count: FC<{ label: string; value: number | string; id: string; tone?: string }> = (props) => (
  <div class={props.tone ? `room-count count-${props.tone}` : 'room-count'}>
    <span class="room-count-value" id={props.id}>
      {String(props.value)}
    </span>
    <span class="room-count-label">{props.label}</span>
  </div>
)

const FeedLine: FC<{ decision: RoomDecision }> = ({ decision }) => (
  <>
    <strong>{decision.who}</strong> {feedText(decision)}
    <span class="feed-at"> · {utcText(decision.at)}</span>
  </>
)

// "approved a transfer of ≈ $25 in 3.2 s", "denied a sign-in in 4 s", "let a transfer … expire".
function feedText(decision: RoomDecision): string {
  const what =
    decision.what === 'transfer'
      ? `a transfer${decision.amount ? ` of ${decision.amount}` : ''}`
      : 'a sign-in'
  if (decision.status === 'expired') return `let ${what} expire`
  const took = decision.seconds === null ? '' : ` in ${secondsText(decision.seconds)}`
  return `${decision.status} ${what}${took}`
}

const ProgressGrid: FC<{ snapshot: RoomSnapshot }> = ({ snapshot }) => {
  const { attendees } = snapshot.summary
  if (attendees.length === 0) {
    return (
      <section class="room-panel room-progress">
        <h2>Progress</h2>
        <p class="room-empty">
          No attendee has reported yet. Attendees join the grid with{' '}
          <code>npm run check -- --room …</code> (the command above).
        </p>
      </section>
    )
  }
  const doneBy = (step: number) => attendees.filter((a) => a.steps_done.includes(step)).length
  return (
    <section class="room-panel room-progress">
      <h2>Progress</h2>
      <div class="grid-scroll" tabindex={0} role="region" aria-label="Progress grid (scrolls sideways)">
        <table class="progress-grid" id="progress-grid">
          <thead>
            <tr>
              <th scope="col">Attendee</th>
              {STEPS.map((step) => (
                <th scope="col">Step {String(step)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {attendees.map((attendee) => {
              const away = snapshot.now - Date.parse(attendee.last_seen) > ATTENDEE_FADES_AFTER_MS
              return (
                <tr class={away ? 'attendee-away' : undefined} data-attendee={attendee.name}>
                  <th scope="row">
                    {attendee.name}
                    {away ? <span class="away-label">(away 10+ min)</span> : null}
                  </th>
                  {STEPS.map((step) =>
                    attendee.steps_done.includes(step) ? (
                      <td class="step-done">
                        <span aria-hidden="true">✓</span>
                        <span class="visually-hidden">done</span>
                      </td>
                    ) : (
                      <td class="step-open">
                        <span class="visually-hidden">not yet</span>
                      </td>
                    )
                  )}
                </tr>
              )
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Done</th>
              {STEPS.map((step) => (
                <td data-step-done={String(step)}>
                  {`${doneBy(step)} of ${attendees.length}`}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  )
}

const CALLBACK_STATES: Record<string, string> = {
  unset: 'polling only',
  working: 'callbacks work',
  failing: 'callbacks failing',
  disabled: 'callbacks blocked: polling',
}

const RoomApplications: FC<{ apps: NonNullable<RoomSnapshot['apps']> }> = ({ apps }) => (
  <section class="room-panel room-apps">
    <h2>Applications in the room ({String(apps.length)})</h2>
    {apps.length === 0 ? (
      <p class="room-empty">
        No attendee has joined yet: they run the <code>npm run join</code> command above.
      </p>
    ) : (
      <div class="grid-scroll" tabindex={0} role="region" aria-label="Applications (scrolls sideways)">
        <table class="progress-grid" id="room-apps">
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Phones</th>
              <th scope="col">Waiting</th>
              <th scope="col">Approved</th>
              <th scope="col">Denied</th>
              <th scope="col">Expired</th>
              <th scope="col">Callbacks</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((app) => (
              <tr data-app={app.name}>
                <th scope="row">{app.name}</th>
                <td>{String(app.users)}</td>
                <td>{String(app.approval_requests.pending)}</td>
                <td>{String(app.approval_requests.approved)}</td>
                <td>{String(app.approval_requests.denied)}</td>
                <td>{String(app.approval_requests.expired)}</td>
                <td>{CALLBACK_STATES[app.callback_state] ?? app.callback_state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
)

function secondsText(seconds: number | null): string {
  return seconds === null ? '–' : `${seconds.toLocaleString('en-US')} s`
}
