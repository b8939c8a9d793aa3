import { Hono, type ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { getPath } from 'hono/utils/url'
import { authyApi, isPlainStatusRead, statusReadApi } from './authy-api/index.js'
import { jsonResponse } from './authy-api/json-response.js'
import {
  isAuthyApiPath,
  normalizeAuthyApiPath,
  recordAndInjectFaults,
} from './authy-api/middleware.js'
import { controlApi } from './control-api/index.js'
import { indexAppKeys } from './domain/app-keys.js'
import { ownApp } from './domain/apps.js'
import { callbackUrlProblem, setCallback } from './domain/callback-config.js'
import { createCallbackState } from './domain/callback-state.js'
import { createChangeEvents } from './domain/change-events.js'
import type { Clock } from './domain/clock.js'
import {
  AuthyErrorAnswer,
  formatNotSupported,
  internalError,
  notFound,
  urlNotFound,
} from './domain/error-answers.js'
import { createFaultList } from './domain/faults.js'
import { createRequestLog } from './domain/request-log.js'
import { createRoom, type RoomOptions } from './domain/room/room.js'
import {
  noRoomEndpoint,
  RoomErrorAnswer,
  roomInternalError,
  roomNotRunning,
} from './domain/room/room-errors.js'
import type { SandboxContext } from './domain/sandbox-context.js'
import type { CallbackMethod } from './domain/store-schema.js'
import { openSandboxStore } from './domain/store.js'
import { twilioAccount } from './domain/twilio/account.js'
import { indexTwilioAccounts } from './domain/twilio/accounts.js'
import { phoneRoutes } from './phone/phone-routes.js'
import { roomApi } from './room-api/index.js'
import type { SandboxEnv, TwilioEnv } from './sandbox-env.js'
import { SANDBOX_FROM_NUMBER } from './twilio-account.js'
import { twilioApi } from './twilio-api/index.js'
import { createVerifyState } from './domain/verify/verify-state.js'
import type { VerifyContext } from './domain/verify/verify-actions.js'
import { verifyPhoneRoutes } from './phone/verify-phone-routes.js'
import { verifyApi } from './verify-api/index.js'

/** What {@link createSandboxApp} needs. */
export interface SandboxAppOptions {
  /**
   * The key of the sandbox's own application (its first), which clients send (header
   * `X-Authy-API-Key`, or `api_key`), and of the control API.
   */
  apiKey: string
  /** The lowdb JSON file; omitted → in memory. */
  dataFile?: string
  /**
   * The address the server listens on (default 127.0.0.1). On any other, the control API still
   * answers only this computer.
   */
  host?: string
  /** Base of phone links; a function when it is only known once the server listens. */
  publicUrl?: string | (() => string)
  /** Where log lines go (default: console.log with a `[sandbox] ` prefix). */
  log?: (line: string) => void
  /** Timeout of one callback delivery (default 5000 ms). */
  callbackTimeoutMs?: number
  /** Set the OneTouch callback at start (re-enables it and resets its failure count). */
  onetouchCallback?: { url: string; method: CallbackMethod }
  /** The clock (tests); default `Date.now`. */
  now?: Clock
  /** Serve Twilio's Messages API too (as `twilioApp`), for this account. */
  twilio?: SandboxTwilioOptions
  /** Where other computers reach the Twilio API (the join answer's `twilio_api_url`). */
  twilioPublicUrl?: string | (() => string | undefined)
  /**
   * Run a room: attendees join with `POST /room/join` and this code, each getting an application
   * of their own. Without it, `/room/...` answers 404.
   */
  room?: RoomOptions
  /** Serve Twilio's Verify v2 API too (as `verifyApp`), for this account. */
  verify?: SandboxVerifyOptions
}

/** The Twilio account the sandbox's Verify API serves (its Auth Token also signs webhooks). */
export interface SandboxVerifyOptions {
  /** `AC` and 32 hexadecimal characters, e.g. `SANDBOX_ACCOUNT_SID`. */
  accountSid: string
  authToken: string
}

/** The Twilio account the sandbox's Twilio API serves. */
export interface SandboxTwilioOptions {
  /** `AC` and 32 hexadecimal characters, e.g. `SANDBOX_ACCOUNT_SID`. */
  accountSid: string
  authToken: string
  /**
   * The account's number, the default sender. Default `SANDBOX_FROM_NUMBER`; Twilio's test number
   * `+15005550006` is always the account's too.
   */
  fromNumber?: string
}

/** The app and its state, not yet listening. */
export interface SandboxApp {
  app: Hono<SandboxEnv>
  /** What the sandbox's port serves: `app`, with its busiest read taken by a faster way. */
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>
  /** The Twilio API, for its own port; undefined without the `twilio` option. */
  twilioApp: Hono<TwilioEnv> | undefined
  /** The Verify API, for its own port; undefined without the `verify` option. */
  verifyApp: Hono | undefined
  context: SandboxContext
  /** Waits for callbacks in flight, saves the state, then closes the callback HTTP agent. */
  close(): Promise<void>
}

/**
 * Builds the sandbox: its state (lowdb file or memory) and the Hono app with the Authy API,
 * the control API (`/sandbox/...`) and the phone pages (`/phone/...`); with `room`, the room API
 * (`/room/...`); with `twilio`, also the Twilio API's app, which shares that state. Serve
 * `app.fetch` (and `twilioApp.fetch`) with `listen()`, or use {@link startSandbox} which does
 * both.
 *
 * @example
 * const { app, close } = await createSandboxApp({ apiKey: 'k' })
 * const res = await app.request('/protected/json/app/details', {
 *   headers: { 'X-Authy-API-Key': 'k' },
 * })
 */
export async function createSandboxApp(options: SandboxAppOptions): Promise<SandboxApp> {
  if (!options.apiKey)
    throw new Error('createSandboxApp needs an apiKey (the key clients will send).')
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.log(`[sandbox] ${line}`))
  const publicUrl = options.publicUrl ?? 'http://127.0.0.1'
  const twilioPublicUrl = options.twilioPublicUrl
  const twilio = options.twilio && sandboxTwilioAccount(options.twilio)
  const room = options.room && createRoom(options.room)
  const store = await openSandboxStore(options.dataFile, now(), log)
  const ctx: SandboxContext = {
    apiKey: options.apiKey,
    appKeys: indexAppKeys(store.data, options.apiKey),
    host: options.host ?? '127.0.0.1',
    store,
    now,
    log,
    publicUrl: typeof publicUrl === 'function' ? publicUrl : () => publicUrl,
    events: createChangeEvents(),
    callbacks: createCallbackState(),
    requests: createRequestLog(),
    faults: createFaultList(),
    callbackTimeoutMs: options.callbackTimeoutMs ?? 5000,
    twilio,
    twilioAccounts: twilio && indexTwilioAccounts(store.data, twilio),
    twilioPublicUrl:
      typeof twilioPublicUrl === 'function' ? twilioPublicUrl : () => twilioPublicUrl,
    room,
    verify:
      options.verify &&
      createVerifyState(
        twilioAccount({ ...options.verify, fromNumbers: [SANDBOX_FROM_NUMBER] })
      ),
  }
  for (const app of store.data.apps) {
    const stored = app.callback
    const problem = stored.url === null ? null : callbackUrlProblem(stored.url)
    if (problem === null) continue
    log(
      `The saved OneTouch callback URL ${stored.url} of ${app.name} cannot be used ` +
        `(${problem}): it is cleared. Set a new one with PUT /sandbox/app.`
    )
    setCallback(app, ctx.callbacks, null, stored.method)
    await store.save()
  }
  if (options.onetouchCallback) {
    const { url, method } = options.onetouchCallback
    const problem = callbackUrlProblem(url)
    if (problem) throw new Error(`onetouchCallback.url "${url}" cannot be used. ${problem}.`)
    setCallback(ownApp(store.data), ctx.callbacks, url, method)
    await store.save()
  }

  const app = new Hono<SandboxEnv>({
    getPath: (request) => normalizeAuthyApiPath(getPath(request)),
  })
  const answerError: ErrorHandler<SandboxEnv> = (error, c) => {
    if (error instanceof AuthyErrorAnswer)
      return jsonResponse(error.envelope(), error.status, error.options.headers)
    if (error instanceof RoomErrorAnswer)
      return jsonResponse(error.envelope(), error.status, error.options.headers)
    if (error instanceof HTTPException) {
      if (isRoomPath(c.req.path))
        return jsonResponse({ message: error.message || 'Error' }, error.status)
      if (!isAuthyApiPath(c.req.path) && !c.req.path.startsWith('/sandbox')) {
        return c.text(
          error.status === 403
            ? 'Forbidden: this form must be sent from its own page.'
            : error.message || 'Error',
          error.status
        )
      }
      return jsonResponse(
        new AuthyErrorAnswer(
          error.status as 400,
          '60000',
          error.message || 'An error occurred'
        ).envelope(),
        error.status
      )
    }
    log(
      `Unexpected error on ${c.req.method} ${c.req.path}: ` +
        (error instanceof Error ? error.stack : String(error))
    )
    if (isRoomPath(c.req.path)) return jsonResponse(roomInternalError().envelope(), 503)
    return jsonResponse(internalError().envelope(), 503)
  }
  app.onError(answerError)
  app.notFound((c) => {
    const path = c.req.path
    const format = /^\/(?:protected|onetouch)\/([^/]+)\//.exec(path)?.[1]
    if (format && format !== 'json') return jsonResponse(formatNotSupported(format).envelope(), 404)
    if (/^\/(phone|assets)\//.test(path)) return c.text('Not found', 404)
    if (path.startsWith('/sandbox')) {
      return jsonResponse(notFound(`No control API at ${c.req.method} ${path}`).envelope(), 404)
    }
    if (isRoomPath(path)) {
      const answer = room ? noRoomEndpoint(c.req.method, path) : roomNotRunning()
      return jsonResponse(answer.envelope(), 404)
    }
    return jsonResponse(urlNotFound().envelope(), 404)
  })

  app.use(recordAndInjectFaults(ctx))
  app.get('/', (c) =>
    c.text(
      'Authy-compatible sandbox. Point Authy clients at this URL; phone pages live at ' +
        '/phone/<token> (links are printed in the terminal); the control API is under /sandbox/' +
        (room ? '; attendees join the room at POST /room/join.' : '.')
    )
  )
  app.route('/sandbox', controlApi(ctx))
  if (room) app.route('/room', roomApi(ctx, room))
  app.route('/', phoneRoutes(ctx))
  // After phoneRoutes: its /phone/* middleware (headers, CSRF, no-store) guards these pages too.
  if (ctx.verify) app.route('/', verifyPhoneRoutes(ctx as VerifyContext))
  app.route('/', authyApi(ctx))
  const statusRead = statusReadApi(ctx, answerError)

  return {
    app,
    fetch: (request, env) =>
      isPlainStatusRead(request) ? statusRead.fetch(request, env) : app.fetch(request, env),
    twilioApp: ctx.twilioAccounts && twilioApi(ctx, ctx.twilioAccounts),
    verifyApp: ctx.verify && verifyApi(ctx as VerifyContext),
    context: ctx,
    async close() {
      while (ctx.callbacks.inFlight.size > 0) await Promise.allSettled([...ctx.callbacks.inFlight])
      // Some changes are not saved on their own (the call counters of /app/stats): save once more.
      await ctx.store.save()
      await ctx.store.flush()
      await ctx.callbacks.agent.close()
    },
  }
}

function isRoomPath(path: string): boolean {
  return path === '/room' || path.startsWith('/room/')
}

function sandboxTwilioAccount(options: SandboxTwilioOptions) {
  return twilioAccount({
    accountSid: options.accountSid,
    authToken: options.authToken,
    fromNumbers: [options.fromNumber ?? SANDBOX_FROM_NUMBER, SANDBOX_FROM_NUMBER],
  })
}
