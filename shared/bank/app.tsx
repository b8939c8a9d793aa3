import { randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { readFileSync } from 'node:fs'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { NONCE, secureHeaders, type SecureHeadersVariables } from 'hono/secure-headers'
import { streamSSE } from 'hono/streaming'
import type { Child } from 'hono/jsx'
import { isAuthyError, type AuthyClient } from '../authy/index.js'
import { authyAdvice } from './domain/authy-advice.js'
import { CALLBACK_PATH, type BankConfig } from './process/config.js'
import { maskAccountNumber } from '../runtime/mask.js'
import type { Transfer } from '../model/transfer.js'
import type { User } from '../model/user.js'
import { formatDollars } from '../model/money.js'
import { phoneLink, type PhoneLink } from './views/phone-link.js'
import { readCallback } from './http/read-callback.js'
import { sendFailureMessage } from './domain/send-failure.js'
import { authyFieldErrors, readRegisterForm } from './forms/register-form.js'
import { createReplayGuard } from './domain/replay-guard.js'
import {
  csrfToken,
  isCsrfToken,
  readSessionId,
  startSession,
  type SessionCookie,
} from './http/sessions.js'
import { isStepNotDone, runStep, StepFailedError } from '../steps/run-step.js'
import { locateStep, type StepLocation } from '../steps/locate-step.js'
import { errorLineIn, messageOf, stepErrorPlace } from '../steps/step-messages.js'
import type { ReplayGuard, StepNumber, Steps, TransferStatusStore } from '../steps/contracts.js'
import { isFinal } from '../model/transfer.js'
import type { BankStore, Clock } from './store/store.js'
import { newRequestId, readTransferForm } from './forms/transfer-form.js'
import { transferView, type TransferView } from './views/transfer-view.js'
import type { ApprovalWatcher } from './domain/watcher.js'
import { AccountPage } from './views/account-page.js'
import { ErrorPage } from './views/error-page.js'
import type { LayoutProps } from './views/layout.js'
import { RegisterPage } from './views/register-page.js'
import { StepFailedPage } from './views/step-failed-page.js'
import { StepMissingPage } from './views/step-missing-page.js'
import { TransferFormPage } from './views/transfer-form-page.js'
import { TransferPage } from './views/transfer-page.js'

/**
 * At most this many transfers may wait for approval on one phone (Authy id) at once, however many
 * browsers registered it: a flood of pushes is how people get tricked into approving one.
 */
export const MAX_PENDING_PER_PHONE = 5

/** The embedded sandbox, when it stands in for Authy. */
export interface SandboxInfo {
  url: string
  publicUrl: string
  /** Reads a sandbox user, for the link to their phone page. */
  user(authyId: number): Promise<{ phone_url: string }>
}

/** Everything the bank app is built from. */
export interface BankAppDeps {
  config: BankConfig
  store: BankStore
  /** The Authy client the steps get. */
  authy: AuthyClient
  steps: Steps
  watcher: ApprovalWatcher
  /** Signs session cookies and derives form tokens. */
  sessionSecret: string
  /** Set when the embedded sandbox is used: the account page links to the user's phone page. */
  sandbox?: SandboxInfo | undefined
  /** This app's callback URL as Authy was given it; without one, the callback route answers 404. */
  callbackUrl?: string | undefined
  /** Whether Authy sends callbacks here (false while step 4 is not done). Default: a callback URL is set. */
  callbacksOn?: boolean
  replays?: ReplayGuard
  clock?: Clock
  log?: (line: string) => void
  /** Aborted when the app shuts down: ends the live status streams. */
  signal?: AbortSignal
  maxPendingPerPhone?: number
}

type BankEnv = {
  Variables: SecureHeadersVariables & { sessionId: string | undefined; user: User | undefined }
}

// A Map, not an object: `/assets/__proto__` must find nothing.
const ASSETS = new Map<string, { type: string; body: string }>([
  ['style.css', { type: 'text/css; charset=utf-8', body: asset('style.css') }],
  ['live-status.js', { type: 'text/javascript; charset=utf-8', body: asset('live-status.js') }],
  ['favicon.svg', { type: 'image/svg+xml', body: asset('favicon.svg') }],
])

/**
 * Builds the bank's Hono app from its dependencies: no port, no process concerns, so tests and the
 * step checker can build one in-process (`app.request(…)`) or serve it.
 *
 * @example
 * const app = createBankApp({ config, store, authy, steps, watcher, sessionSecret, sandbox, callbackUrl })
 * const res = await app.request('/')
 */
export function createBankApp(deps: BankAppDeps): Hono<BankEnv> {
  const { config, store, authy, steps, watcher } = deps
  const clock = deps.clock ?? Date.now
  const log = deps.log ?? ((line: string) => console.log(line))
  const replays = deps.replays ?? createReplayGuard({ now: clock })
  const maxPending = deps.maxPendingPerPhone ?? MAX_PENDING_PER_PHONE
  const cookie: SessionCookie = {
    name: `bank_session_${config.variant}`,
    secret: deps.sessionSecret,
  }
  // Each open live page listens for the shutdown: as many listeners as pages is expected.
  if (deps.signal) setMaxListeners(0, deps.signal)
  const app = new Hono<BankEnv>()
  const isoNow = () => new Date(clock()).toISOString()

  // Every page's frame, with the session's form token for the forms on it.
  const layout = (c: Context<BankEnv>): Omit<LayoutProps, 'title'> & { csrfToken: string } => ({
    variant: config.variant,
    nonce: c.get('secureHeadersNonce'),
    user: c.get('user'),
    csrfToken: csrfToken(deps.sessionSecret, c.get('sessionId') ?? ''),
  })
  const page = async (c: Context<BankEnv>, node: Child, status = 200) =>
    c.html(
      `<!DOCTYPE html>${await (node as { toString(): string | Promise<string> }).toString()}`,
      status as 200
    )
  const mustBeSignedIn = (c: Context<BankEnv>): User => {
    const user = c.get('user')
    if (!user) throw new HTTPException(401, { message: 'not-signed-in' })
    return user
  }

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: [NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: false,
      xFrameOptions: 'DENY',
      // Not 'no-referrer': with it, browsers send `Origin: null` on same-origin form posts.
      referrerPolicy: 'same-origin',
    })
  )
  app.use(
    '*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.text('The request is too large.', 413),
    })
  )

  // Who is this browser? A genuine session cookie, bound (or not yet) to a registered user.
  app.use('*', async (c, next) => {
    if (c.req.path === CALLBACK_PATH || c.req.path.startsWith('/assets/')) return next()
    let sessionId = await readSessionId(c, cookie)
    if (!sessionId && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      sessionId = await startSession(c, cookie)
    }
    c.set('sessionId', sessionId)
    c.set('user', sessionId ? store.userOfSession(sessionId) : undefined)
    await next()
  })

  // Cross-site form posts: Origin check for every form, then the session's token on each form.
  // Behind an HTTPS proxy (ngrok), the browser's origin is the public one of AUTHY_CALLBACK_URL,
  // not the http:// one this app sees.
  const publicOrigin = deps.callbackUrl ? new URL(deps.callbackUrl).origin : undefined
  const originCheck = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin,
  })
  app.use('*', async (c, next) => {
    if (c.req.path === CALLBACK_PATH) return next()
    return originCheck(c, next)
  })
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || c.req.path === CALLBACK_PATH) return next()
    const body = await readForm(c)
    if (!isCsrfToken(deps.sessionSecret, c.get('sessionId'), body.csrf_token)) {
      throw new HTTPException(403, { message: 'csrf-token' })
    }
    await next()
  })

  app.get('/assets/:name', (c) => {
    const file = ASSETS.get(c.req.param('name'))
    if (!file) return c.notFound()
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'no-cache' })
  })

  app.get('/health', (c) =>
    c.json({
      ok: true,
      app: config.variant,
      authy: config.authy.mode,
      callbacks: deps.callbacksOn ?? Boolean(deps.callbackUrl),
    })
  )

  app.get('/', async (c) => {
    if (c.get('user')) return c.redirect('/transfers/new', 303)
    return page(
      c,
      <RegisterPage
        {...layout(c)}
        values={{ email: '', country_code: '', phone_number: '' }}
        errors={{}}
      />
    )
  })

  app.post('/register', async (c) => {
    const form = readRegisterForm(await readForm(c))
    const again = (errors: typeof form.errors, status: number) =>
      page(c, <RegisterPage {...layout(c)} values={form.values} errors={errors} />, status)
    if (!form.data) return again(form.errors, 400)
    const registration = form.data

    let authyId: number
    try {
      authyId = await runStep(1, () => steps.registerUser({ authy, ...registration }))
    } catch (error) {
      if (!isAuthyError(error)) throw error
      log(`Registration refused by Authy: ${error.describe()}`)
      const fieldErrors = authyFieldErrors(error)
      if (Object.keys(fieldErrors).length > 0) return again(fieldErrors, 400)
      return again(
        { form: `Authy could not register you: ${error.describe()}. ${authyAdvice(error)}` },
        error.transient ? 503 : 400
      )
    }
    if (!Number.isSafeInteger(authyId) || authyId <= 0) {
      throw new StepFailedError(
        1,
        new Error(
          `it returned ${JSON.stringify(authyId)} instead of the Authy id (a positive whole number)`
        )
      )
    }

    const user: User = { id: newId(), ...registration, authyId, createdAt: isoNow() }
    await store.addUser(user)
    const previous = c.get('sessionId')
    if (previous) await store.endSession(previous)
    const sessionId = await startSession(c, cookie)
    await store.bindSession(sessionId, user.id)
    log(`Registered a user as Authy id ${authyId}.`)
    return c.redirect('/account', 303)
  })

  app.get('/account', async (c) => {
    const user = c.get('user')
    if (!user) return c.redirect('/', 303)
    let phone: PhoneLink | undefined
    let phoneProblem: string | undefined
    if (deps.sandbox) {
      try {
        phone = phoneLink((await deps.sandbox.user(user.authyId)).phone_url)
      } catch (error) {
        phoneProblem = `The sandbox could not give your phone page (${messageOf(error)}).`
      }
    }
    return page(
      c,
      <AccountPage
        {...layout(c)}
        user={user}
        phone={phone}
        phoneProblem={phoneProblem}
        sandbox={Boolean(deps.sandbox)}
      />
    )
  })

  const transferForm = (
    c: Context<BankEnv>,
    user: User,
    form: {
      values: Record<'recipient_email' | 'account_number' | 'amount' | 'request_id', string>
      errors: Record<string, string | undefined>
    },
    status = 200
  ) =>
    page(
      c,
      <TransferFormPage
        {...layout(c)}
        user={user}
        values={form.values}
        errors={form.errors}
        transfers={store.transfersOf(user.id)}
      />,
      status
    )

  app.get('/transfers', (c) => c.redirect('/transfers/new', 303))

  app.get('/transfers/new', async (c) => {
    const user = c.get('user')
    if (!user) return c.redirect('/', 303)
    const blank = {
      recipient_email: '',
      account_number: '',
      amount: '',
      request_id: newRequestId(),
    }
    return transferForm(c, user, { values: blank, errors: {} })
  })

  app.post('/transfers', async (c) => {
    const user = mustBeSignedIn(c)
    const form = readTransferForm(await readForm(c))
    if (!form.data) return transferForm(c, user, form, 400)
    const order = form.data

    // The same form sent twice (double click, back button): the transfer it already made.
    const existing = store.findTransferByRequest(user.id, order.requestId)
    if (existing) return c.redirect(`/transfers/${existing.id}`, 303)

    const waiting = store
      .transfersOfAuthyId(user.authyId)
      .filter((transfer) => transfer.status === 'pending' || transfer.status === 'sending').length
    if (waiting >= maxPending) {
      log(`Refused a transfer: ${waiting} are already waiting for approval on the same phone.`)
      return page(
        c,
        <ErrorPage
          {...layout(c)}
          title="Too many transfers waiting"
          message={
            `You already have ${waiting} transfers waiting for approval on your phone. Approve, ` +
            'deny or let them expire before sending another: a flood of requests is how people ' +
            'get tricked into approving one.'
          }
          next={{ href: '/transfers/new', label: 'Back to your transfers' }}
        />,
        429
      )
    }

    const transfer: Transfer = {
      id: newId(),
      userId: user.id,
      requestId: order.requestId,
      recipientEmail: order.recipientEmail,
      accountNumber: order.accountNumber,
      amountCents: order.amountCents,
      status: 'sending',
      approvalUuid: null,
      secondsToExpire: config.secondsToExpire,
      createdAt: isoNow(),
      expiresAt: null,
      decidedAt: null,
      problem: null,
    }
    // Stored before anything is sent: what the phone shows is exactly what was stored.
    await store.addTransfer(transfer)
    log(
      `Transfer ${transfer.id}: ${formatDollars(transfer.amountCents)} to account ` +
        `${maskAccountNumber(transfer.accountNumber)}; sending the approval request.`
    )

    let uuid: string
    try {
      uuid = await runStep(2, () =>
        steps.sendApprovalRequest({
          authy,
          user,
          transfer: structuredClone(transfer),
          secondsToExpire: config.secondsToExpire,
        })
      )
      if (typeof uuid !== 'string' || uuid.trim() === '') {
        throw new StepFailedError(
          2,
          new Error(`it returned ${JSON.stringify(uuid)} instead of the approval request's uuid`)
        )
      }
      if (store.findTransferByUuid(uuid)) {
        throw new StepFailedError(2, new Error(`it returned ${uuid}, the uuid of another transfer`))
      }
    } catch (error) {
      if (isStepNotDone(error)) {
        // Final, so in the past: the step may well be written by the time this is read.
        const location = locateStep(config, error.step)
        await store.markFailed(transfer.id, {
          message:
            `This transfer was never sent to the phone: step ${error.step} ` +
            `(${location.guide.title.toLowerCase()}) was not written yet when this transfer was made.`,
          missingStep: error.step,
        })
        throw error
      }
      if (isAuthyError(error)) {
        const message = sendFailureMessage(error, locateStep(config, 2).file)
        log(`Transfer ${transfer.id}: failed. ${message}`)
        await store.markFailed(transfer.id, { message })
        return c.redirect(`/transfers/${transfer.id}`, 303)
      }
      await store.markFailed(transfer.id, {
        message: `Step 2 failed: ${messageOf(stepCause(error))}`,
      })
      throw error
    }

    const expiresAt = new Date(clock() + config.secondsToExpire * 1000).toISOString()
    const sent = await store.markSent(transfer.id, { approvalUuid: uuid, expiresAt })
    if (sent) watcher.watch(sent)
    return c.redirect(`/transfers/${transfer.id}`, 303)
  })

  const ownTransfer = (c: Context<BankEnv>): { user: User; transfer: Transfer } => {
    const user = c.get('user')
    const transfer = user && store.getTransfer(c.req.param('id') ?? '', user.id)
    if (!user || !transfer) throw new HTTPException(404, { message: 'transfer' })
    return { user, transfer }
  }

  // A sandbox phone link never changes: ask the sandbox once per user.
  const phoneUrls = new Map<number, string>()
  const phoneUrlOf = async (user: User): Promise<string | undefined> => {
    if (!deps.sandbox) return undefined
    if (!phoneUrls.has(user.authyId)) {
      const link = phoneLink((await deps.sandbox.user(user.authyId)).phone_url)
      if (link) phoneUrls.set(user.authyId, link.url)
    }
    return phoneUrls.get(user.authyId)
  }

  // The step that held this transfer up, while it is still not written (its box then explains it).
  const missingStepOf = (transfer: Transfer): StepLocation | undefined => {
    const step = transfer.problem?.missingStep
    const location = step ? locateStep(config, step as StepNumber) : undefined
    return location?.notDone ? location : undefined
  }
  const liveView = (transfer: Transfer): TransferView => ({
    ...transferView(transfer),
    missingStep: missingStepOf(transfer)?.guide.step ?? null,
  })

  app.get('/transfers/:id', async (c) => {
    const { user, transfer } = ownTransfer(c)
    const phoneUrl = isFinal(transfer.status)
      ? undefined
      : await phoneUrlOf(user).catch(() => undefined)
    return page(
      c,
      <TransferPage
        {...layout(c)}
        user={user}
        transfer={transfer}
        transfers={store.transfersOf(user.id)}
        missingStep={missingStepOf(transfer)}
        now={clock()}
        phoneUrl={phoneUrl}
      />
    )
  })

  // The transfer's status, live: one event now, one per change, and the stream ends when final.
  app.get('/transfers/:id/events', (c) => {
    const { user, transfer } = ownTransfer(c)
    return streamSSE(c, async (stream) => {
      let finish = () => {}
      const finished = new Promise<void>((resolve) => (finish = resolve))
      let queue = Promise.resolve()
      const send = (current: Transfer) => {
        queue = queue
          .then(() =>
            stream.writeSSE({
              event: 'transfer',
              data: JSON.stringify(liveView(current)),
              retry: 2000,
            })
          )
          .then(() => {
            if (isFinal(current.status)) finish()
          })
          .catch(() => finish())
      }
      const unsubscribe = store.onTransferChange((changed) => {
        if (changed.id === transfer.id) send(changed)
      })
      const heartbeat = setInterval(() => {
        queue = queue
          .then(() => stream.write(': still here\n\n'))
          .then(
            () => undefined,
            () => finish()
          )
      }, 15_000)
      stream.onAbort(finish)
      deps.signal?.addEventListener('abort', finish, { once: true })
      send(store.getTransfer(transfer.id, user.id) ?? transfer)
      await finished
      await queue
      clearInterval(heartbeat)
      unsubscribe()
      deps.signal?.removeEventListener('abort', finish)
    })
  })

  app.post('/logout', async (c) => {
    const sessionId = c.get('sessionId')
    if (sessionId) await store.endSession(sessionId)
    await startSession(c, cookie)
    return c.redirect('/', 303)
  })

  const receiveCallback = async (c: Context<BankEnv>) => {
    if (!deps.callbackUrl) {
      return c.text(
        "OneTouch callbacks are off. To receive them, set AUTHY_CALLBACK_URL to this app's public " +
          `URL followed by ${CALLBACK_PATH}, and set the same URL in the Authy dashboard.`,
        404
      )
    }
    const callback = await readCallback(c.req.raw)
    if (!callback) return c.text('The callback body must be JSON.', 400)
    // What step 4 stored, to log what the callback really changed.
    let saved: { status: string; changed: boolean } | undefined
    const transfers: TransferStatusStore = {
      saveStatus: async (approvalUuid, status) => {
        const changed = await store.saveStatus(approvalUuid, status)
        if (approvalUuid === callback.uuid) saved = { status, changed }
        return changed
      },
    }
    try {
      const verdict = await runStep(4, () =>
        steps.receiveCallback({
          callback,
          apiKey: config.authy.apiKey,
          callbackUrl: deps.callbackUrl!,
          replays,
          transfers,
        })
      )
      if (verdict?.accepted === true) {
        log(`Callback accepted${callbackOutcome(store.findTransferByUuid(callback.uuid), saved)}.`)
        return c.text('OK', 200)
      }
      const reason =
        typeof verdict?.reason === 'string' ? verdict.reason.slice(0, 200) : 'no reason given'
      log(`Callback refused: ${reason}`)
      return c.text('Callback refused.', 401)
    } catch (error) {
      if (isStepNotDone(error)) {
        log('A OneTouch callback arrived, but step 4 is not done yet: relying on polling.')
        return c.text('Step 4 is not done yet: this app cannot check callbacks.', 501)
      }
      const cause = stepCause(error)
      log(
        `Callback failed: step 4 failed in ${stepErrorPlace(locateStep(config, 4), cause)}: ` +
          messageOf(cause)
      )
      return c.text('The callback could not be handled.', 500)
    }
  }
  app.post(CALLBACK_PATH, receiveCallback)
  app.get(CALLBACK_PATH, receiveCallback)

  app.notFound((c) =>
    page(
      c,
      <ErrorPage
        {...layout(c)}
        title="Page not found"
        message="There is nothing at this address."
      />,
      404
    )
  )

  app.onError(async (error, c) => {
    const where = `${c.req.method} ${c.req.path}`
    if (isStepNotDone(error)) {
      const location = locateStep(config, error.step)
      log(
        `${where}: step ${error.step} is not done yet (${location.file}${location.line ? `:${location.line}` : ''}).`
      )
      return page(
        c,
        <StepMissingPage {...layout(c)} location={location} backHref={formOf(c.req.path)} />,
        501
      )
    }
    if (error instanceof StepFailedError) {
      const location = locateStep(config, error.step)
      const line = errorLineIn(error.error, location.file)
      const message = messageOf(error.error)
      log(
        `${where}: step ${error.step} failed in ${stepErrorPlace(location, error.error)}: ${message}`
      )
      return page(
        c,
        <StepFailedPage
          {...layout(c)}
          location={location}
          errorLine={line}
          message={message}
          backHref={formOf(c.req.path)}
        />,
        500
      )
    }
    if (error instanceof HTTPException) return httpErrorPage(c, error)
    log(`${where}: unexpected error: ${(error as Error).stack ?? messageOf(error)}`)
    return page(
      c,
      <ErrorPage
        {...layout(c)}
        title="Something went wrong"
        message="The bank hit an unexpected error. The details are in the terminal that runs the app. Try again."
      />,
      500
    )
  })

  const httpErrorPage = (c: Context<BankEnv>, error: HTTPException) => {
    const status = error.status
    if (status === 403) {
      return page(
        c,
        <ErrorPage
          {...layout(c)}
          title="This form cannot be accepted"
          message="It is out of date or was sent from another site. Go back, reload the page and send it again."
        />,
        403
      )
    }
    if (status === 401) {
      return page(
        c,
        <ErrorPage
          {...layout(c)}
          title="Register first"
          message="Register your phone before making transfers."
        />,
        401
      )
    }
    if (status === 400) {
      return page(
        c,
        <ErrorPage
          {...layout(c)}
          title="This form could not be read"
          message="The browser sent it in a shape the bank cannot read. Go back, reload the page and send it again."
        />,
        400
      )
    }
    if (status === 404) {
      return page(
        c,
        <ErrorPage
          {...layout(c)}
          title="Transfer not found"
          message="There is no transfer at this address for you. Transfers are visible only in the browser that made them."
          next={{ href: '/transfers/new', label: 'Your transfers' }}
        />,
        404
      )
    }
    return page(
      c,
      <ErrorPage {...layout(c)} title="Something went wrong" message={error.message} />,
      status
    )
  }

  return app
}

function newId(): string {
  return randomBytes(12).toString('base64url')
}

// The form a failed request came from, to go back to.
function formOf(path: string): string {
  return path.startsWith('/transfers') ? '/transfers/new' : '/'
}

function stepCause(error: unknown): unknown {
  return error instanceof StepFailedError ? error.error : error
}

// A posted form; a body that cannot be read (multipart without a boundary, garbage) is a 400.
async function readForm(c: Context<BankEnv>): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody()
  } catch (error) {
    throw new HTTPException(400, { message: 'form-unreadable', cause: error })
  }
}

// What an accepted callback did, for the log: " for transfer X: changed to approved", …
function callbackOutcome(
  transfer: Transfer | undefined,
  saved: { status: string; changed: boolean } | undefined
): string {
  if (!transfer) return ': no change, the approval request is not one of ours'
  const about = ` for transfer ${transfer.id}`
  if (saved?.changed) return `${about}: changed to ${saved.status}`
  if (isFinal(transfer.status)) return `${about}: no change, it is already ${transfer.status}`
  if (saved) return `${about}: no change, ${JSON.stringify(saved.status)} is not a decision`
  return `${about}: no change, step 4 did not save a status`
}

function asset(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8')
}
