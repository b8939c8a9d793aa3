import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { constantTimeEqual } from '../../authy/signature.js'
import type { AppSummary } from '../../sandbox/index.js'
import type { BankAppDeps, PresenterDeps } from '../bank-deps.js'
import { DEMO_EMAIL, sendDemoTransfer } from '../domain/presenter-demo.js'
import { roomSnapshot } from '../domain/room-summary.js'
import { PROGRESS_PATH, readProgressReport } from '../forms/progress-report.js'
import type { BankContext, BankEnv } from '../http/bank-env.js'
import { browserOf } from '../http/browser.js'
import { errorPage } from '../http/error-pages.js'
import { liveStream } from '../http/live-stream.js'
import { readForm } from '../http/read-form.js'
import { frame, render } from '../http/render.js'
import { PresenterPage } from '../views/presenter-page.js'
import { qrLink } from '../views/qr-link.js'
import { RoomLive } from '../views/room-live.js'

/** How long the room view waits to gather changes into one update. */
const UPDATE_DELAY_MS = 200
/** How often the room view is sent again with no change, so absent attendees fade. */
const REFRESH_MS = 30_000

const KEY_NEEDED = {
  title: 'The room view needs its key',
  message:
    'Open the link printed in the terminal where `npm start` runs: it ends in /presenter?key=… . ' +
    "The key is this data folder's own (the file presenter-key in its data folder); never show it to attendees.",
}

/** How the presenter opens the bank (and its phone pages) to the room. */
const OPEN_COMMAND = 'npm start -- --room'
const DEMO_SENT =
  'Sent: a $25.00 transfer from the demo account is waiting on the demo phone. Approve or deny ' +
  'it there and watch the figures change.'
const NO_DEMO_PHONE =
  'There is no demo phone: with a real Authy account, set PRESENTER_PHONE in .env and restart.'

/**
 * The presenter's room view (`GET /presenter?key=…`), its figures as JSON (`/presenter/summary`)
 * and as a live stream (`/presenter/events`), the demo button (`POST /presenter/demo`), and the
 * attendees' progress reports (`POST /presenter/progress`, JSON, by room code).
 *
 * @example
 * if (deps.presenter) app.route('/', presenterRoutes(deps, deps.presenter))
 */
export function presenterRoutes(deps: BankAppDeps, presenter: PresenterDeps): Hono<BankEnv> {
  const { config, store, clock } = deps
  const keyOk = (key: unknown) => typeof key === 'string' && constantTimeEqual(presenter.key, key)
  const snapshot = () =>
    roomSnapshot({
      roomCode: presenter.roomCode,
      store,
      attendees: presenter.progress.attendees(),
      now: clock(),
      apps: presenter.roomApps?.current(),
    })
  const demoPhoneLink = async () => {
    const user = deps.sandbox && store.findUserByEmail(DEMO_EMAIL)
    if (!user) return undefined
    const url = await deps.sandbox!.phoneUrl(user).catch(() => undefined)
    return url ? qrLink(url) : undefined
  }
  const page = async (c: BankContext) =>
    render(
      c,
      <PresenterPage
        {...frame(c)}
        snapshot={snapshot()}
        presenterKey={presenter.key}
        join={presenter.joinUrl ? qrLink(presenter.joinUrl) : undefined}
        openCommand={OPEN_COMMAND}
        checkCommand={checkCommand(presenter)}
        joinCommand={
          presenter.roomSandboxUrl
            ? `npm run join -- ${presenter.roomSandboxUrl} ${presenter.roomCode} --name "Your name"`
            : undefined
        }
        demo={{
          available: Boolean(presenter.demoPhone),
          phone: await demoPhoneLink(),
          result: deps.flash.take(c),
        }}
      />,
    )

  return new Hono<BankEnv>()
    .get('/presenter', async (c) => {
      if (!keyOk(c.req.query('key'))) return errorPage(c, 401, KEY_NEEDED)
      return page(c)
    })
    .get('/presenter/summary', (c) => {
      if (!keyOk(c.req.query('key'))) return c.json({ message: KEY_NEEDED.message }, 401)
      const { summary, apps } = snapshot()
      return c.json(apps ? { ...summary, applications: apps.map(applicationFigures) } : summary)
    })
    .get('/presenter/events', (c) => {
      if (!keyOk(c.req.query('key'))) return c.json({ message: KEY_NEEDED.message }, 401)
      return streamSSE(c, (stream) =>
        liveStream(stream, {
          event: 'room',
          first: snapshot,
          subscribe: (send) => onRoomChange(deps, presenter, () => send(snapshot())),
          view: (current) => ({ html: String(<RoomLive snapshot={current} />) }),
          isFinal: () => false,
          signal: deps.signal,
        })
      )
    })
    .post('/presenter/demo', async (c) => {
      const form = await readForm(c)
      if (!keyOk(form.key)) return errorPage(c, 401, KEY_NEEDED)
      const outcome = presenter.demoPhone
        ? await sendDemoTransfer({
            ...deps,
            app: config,
            secondsToExpire: config.secondsToExpire,
            phone: presenter.demoPhone,
          })
        : { kind: 'failed' as const, message: NO_DEMO_PHONE }
      if (outcome.kind === 'failed') deps.log(`Presenter demo: ${outcome.message}`)
      deps.flash.set(
        c,
        outcome.kind === 'sent'
          ? DEMO_SENT
          : `The demo transfer was not sent. ${outcome.message}`
      )
      return c.redirect(`/presenter?key=${encodeURIComponent(presenter.key)}`, 303)
    })
    .post(PROGRESS_PATH, async (c) => {
      let body: unknown
      try {
        body = JSON.parse(await c.req.text())
      } catch {
        return c.json({ message: 'The report must be JSON: {"room": "…", "name": "…", "steps_done": [1, 2]}.' }, 400)
      }
      const read = readProgressReport(body)
      if (!read.ok) return c.json({ message: read.message }, 400)
      const outcome = await presenter.progress.report(read.report, browserOf(c).ip)
      switch (outcome.kind) {
        case 'recorded':
          return c.json({ recorded: outcome.attendee }, 200)
        case 'wrong-room':
          return c.json(
            { message: "That is not this room's code. Check the code on the presenter's screen and give it with --code (or ROOM_CODE in .env)." },
            403
          )
        case 'locked':
          c.header('retry-after', String(outcome.retryAfterSeconds))
          return c.json({ message: `Too many wrong room codes from this computer: wait ${outcome.retryAfterSeconds} s.` }, 429)
        case 'room-full':
          return c.json({ message: `The room is full: ${outcome.max} attendees already report their progress.` }, 409)
        case 'too-soon':
          c.header('retry-after', String(outcome.retryAfterSeconds))
          return c.json({ message: 'One report per second is enough: this one came too soon after the last.' }, 429)
      }
    })
}

// Calls `changed` (at most once per UPDATE_DELAY_MS) after any change the room view shows, and
// every REFRESH_MS anyway. Returns the function that stops it.
function onRoomChange(deps: BankAppDeps, presenter: PresenterDeps, changed: () => void): () => void {
  let timer: NodeJS.Timeout | undefined
  const soon = () => {
    timer ??= setTimeout(() => {
      timer = undefined
      changed()
    }, UPDATE_DELAY_MS)
  }
  const stops = [
    deps.store.onUserChange(soon),
    deps.store.onTransferChange(soon),
    deps.store.onSignInChange(soon),
    presenter.progress.onChange(soon),
    presenter.roomApps?.onChange(soon) ?? (() => {}),
  ]
  const refresh = setInterval(changed, REFRESH_MS)
  return () => {
    clearTimeout(timer)
    clearInterval(refresh)
    for (const stop of stops) stop()
  }
}

// An application of the room as the summary lists it: no key, no token.
function applicationFigures(app: AppSummary) {
  const { name, users, approval_requests, callback_state, last_request_at } = app
  return { name, users, approval_requests, callback_state, last_request_at }
}

// What attendees run to join the progress grid, with this room's address and code.
function checkCommand(presenter: PresenterDeps): string {
  const url = presenter.joinUrl ?? 'http://<this computer’s address>:4000'
  return `npm run check -- --room ${url} --code ${presenter.roomCode} --name "Your name"`
}
