import type { FC } from 'hono/jsx'
import type { RoomSnapshot } from '../domain/room-summary.js'
import { Layout, type LayoutProps } from './layout.js'
import type { QrLink } from './qr-link.js'
import { RoomLive } from './room-live.js'

export interface PresenterPageProps extends Omit<LayoutProps, 'title'> {
  snapshot: RoomSnapshot
  /** The presenter key, for the live stream's and the demo form's address. */
  presenterKey: string
  /** The bank's address for learners, with its QR code; undefined when it listens on this computer only. */
  join: QrLink | undefined
  /** The command that opens the bank to the room, for the note when it is closed. */
  openCommand: string
  /** What attendees run to join the progress grid. */
  checkCommand: string
  /** What attendees run to join the room's sandbox, when the app runs a room. */
  joinCommand: string | undefined
  demo: {
    /** False when there is no phone to send the demo to (a real Authy account without PRESENTER_PHONE). */
    available: boolean
    /** The demo phone's page, once the demo account exists (with the sandbox). */
    phone: QrLink | undefined
    /** What the last click did, in a sentence. */
    result: string | undefined
  }
}

/**
 * The presenter's room view, for the projector: how to join, the room's live figures, the
 * attendees' progress, and the demo button.
 *
 * @example
 * <PresenterPage variant="solution" snapshot={snapshot} presenterKey={key} join={qrLink(url)} … />
 */
export const PresenterPage: FC<PresenterPageProps> = (props) => {
  const code = props.snapshot.summary.room_code
  return (
    <Layout
      {...props}
      title="Room view"
      stylesheet="/assets/presenter.css"
      script="/assets/presenter-live.js"
      refreshSeconds={15}
    >
      <div class="room">
        <section class="room-join" aria-label="How to join">
          {props.join ? (
            <>
              <img class="room-qr" src={props.join.qrDataUrl} alt="QR code of the bank's address" width="260" height="260" />
              <div>
                <p class="room-eyebrow">Open the bank on your phone or laptop</p>
                <p class="room-url mono" id="join-url">
                  {props.join.url}
                </p>
                <RoomCode code={code} />
              </div>
            </>
          ) : (
            <div>
              <p class="room-eyebrow">The bank listens on this computer only</p>
              <p class="room-note">
                Phones and laptops in the room cannot reach it at this address. Stop the app
                (Ctrl+C) and start it again with <code>{props.openCommand}</code> to open it to the
                room: this page then shows its network address and a QR code to scan.
              </p>
              <RoomCode code={code} />
            </div>
          )}
          {props.joinCommand ? (
            <p class="room-command">
              Attendees' apps join the room: <code id="join-command">{props.joinCommand}</code>
            </p>
          ) : null}
          <p class="room-command">
            Progress grid: <code id="check-command">{props.checkCommand}</code>
          </p>
        </section>
        <div id="room-live" data-events={`/presenter/events?key=${encodeURIComponent(props.presenterKey)}`}>
          <RoomLive snapshot={props.snapshot} />
        </div>
        <DemoPanel {...props} />
      </div>
    </Layout>
  )
}

const RoomCode: FC<{ code: string }> = ({ code }) => (
  <p class="room-code">
    Room code <strong id="room-code">{code}</strong>
  </p>
)

const DemoPanel: FC<PresenterPageProps> = (props) => {
  const { demo } = props
  return (
    <section class="room-panel room-demo" aria-labelledby="demo-title">
      <h2 id="demo-title">Presenter demo</h2>
      <p class="room-result" role="status" id="demo-result">
        {demo.result ?? ''}
      </p>
      {demo.available ? (
        <form method="post" action="/presenter/demo">
          <input type="hidden" name="csrf_token" value={props.csrfToken} />
          <input type="hidden" name="key" value={props.presenterKey} />
          <button type="submit" class="button" id="demo-button">
            Send a demo transfer to the demo phone
          </button>
        </form>
      ) : (
        <p class="room-note">
          With a real Authy account, set <code>PRESENTER_PHONE</code> (your own number, e.g.
          +12015550123) in <code>.env</code> and restart to send demo transfers to your phone.
        </p>
      )}
      {demo.phone ? (
        <p>
          Demo phone:{' '}
          <a href={demo.phone.url} target="_blank" rel="noopener" id="demo-phone-link">
            open its phone page
          </a>{' '}
          (on this computer or your own phone) to approve the demo transfers.
        </p>
      ) : demo.available ? (
        <p class="room-note">The first demo creates the demo account and its phone page.</p>
      ) : null}
    </section>
  )
}
