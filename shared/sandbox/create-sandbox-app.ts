import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { getPath } from 'hono/utils/url'
import { authyApi } from './authy-api/index.js'
import { jsonResponse } from './authy-api/json-response.js'
import {
  isAuthyApiPath,
  normalizeAuthyApiPath,
  recordAndInjectFaults,
} from './authy-api/middleware.js'
import { controlApi } from './control-api/index.js'
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
import type { SandboxContext } from './domain/sandbox-context.js'
import type { CallbackMethod } from './domain/store-schema.js'
import { openSandboxStore } from './domain/store.js'
import { twilioAccount } from './domain/twilio/account.js'
import { phoneRoutes } from './phone/phone-routes.js'
import type { SandboxEnv } from './sandbox-env.js'
import { SANDBOX_FROM_NUMBER } from './twilio-account.js'
import { twilioApi } from './twilio-api/index.js'
import { createVerifyState } from './domain/verify/verify-state.js'
import type { VerifyContext } from './domain/verify/verify-actions.js'
import { verifyPhoneRoutes } from './phone/verify-phone-routes.js'
import { verifyApi } from './verify-api/index.js'

/** What {@link createSandboxApp} needs. */
export interface SandboxAppOptions {
  /** The key clients must send (header `X-Authy-API-Key`, or `api_key`). */
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
  /** The Twilio API, for its own port; undefined without the `twilio` option. */
  twilioApp: Hono | undefined
  /** The Verify API, for its own port; undefined without the `verify` option. */
  verifyApp: Hono | undefined
  context: SandboxContext
  /** Waits for callbacks in flight, saves the state, then closes the callback HTTP agent. */
  close(): Promise<void>
}

/**
 * Builds the sandbox: its state (lowdb file or memory) and the Hono app with the Authy API,
 * the control API (`/sandbox/...`) and the phone pages (`/phone/...`); with `twilio`, also the
 * Twilio API's app, which shares that state. Serve `app.fetch` (and `twilioApp.fetch`) with
 * `listen()`, or use {@link startSandbox} which does both.
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
  const twilio = options.twilio && sandboxTwilioAccount(options.twilio)
  const ctx: SandboxContext = {
    apiKey: options.apiKey,
    host: options.host ?? '127.0.0.1',
    store: await openSandboxStore(options.dataFile, now(), log),
    now,
    log,
    publicUrl: typeof publicUrl === 'function' ? publicUrl : () => publicUrl,
    events: createChangeEvents(),
    callbacks: createCallbackState(),
    requests: createRequestLog(),
    faults: createFaultList(),
    callbackTimeoutMs: options.callbackTimeoutMs ?? 5000,
    twilio,
    verify:
      options.verify &&
      createVerifyState(
        twilioAccount({ ...options.verify, fromNumbers: [SANDBOX_FROM_NUMBER] })
      ),
  }
  const stored = ctx.store.data.app.callback
  if (stored.url !== null && callbackUrlProblem(stored.url)) {
    log(
      `The saved OneTouch callback URL ${stored.url} cannot be used ` +
        `(${callbackUrlProblem(stored.url)}): it is cleared. Set a new one with PUT /sandbox/app.`
    )
    setCallback(ctx.store.data.app, ctx.callbacks, null, stored.method)
    await ctx.store.save()
  }
  if (options.onetouchCallback) {
    const { url, method } = options.onetouchCallback
    const problem = callbackUrlProblem(url)
    if (problem) throw new Error(`onetouchCallback.url "${url}" cannot be used. ${problem}.`)
    setCallback(ctx.store.data.app, ctx.callbacks, url, method)
    await ctx.store.save()
  }

  const app = new Hono<SandboxEnv>({
    getPath: (request) => normalizeAuthyApiPath(getPath(request)),
  })
  app.onError((error, c) => {
    if (error instanceof AuthyErrorAnswer)
      return jsonResponse(error.envelope(), error.status, error.options.headers)
    if (error instanceof HTTPException) {
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
    return jsonResponse(internalError().envelope(), 503)
  })
  app.notFound((c) => {
    const path = c.req.path
    const format = /^\/(?:protected|onetouch)\/([^/]+)\//.exec(path)?.[1]
    if (format && format !== 'json') return jsonResponse(formatNotSupported(format).envelope(), 404)
    if (/^\/(phone|assets)\//.test(path)) return c.text('Not found', 404)
    if (path.startsWith('/sandbox')) {
      return jsonResponse(notFound(`No control API at ${c.req.method} ${path}`).envelope(), 404)
    }
    return jsonResponse(urlNotFound().envelope(), 404)
  })

  app.use(recordAndInjectFaults(ctx))
  app.get('/', (c) =>
    c.text(
      'Authy-compatible sandbox. Point Authy clients at this URL; phone pages live at ' +
        '/phone/<token> (links are printed in the terminal); the control API is under /sandbox/.'
    )
  )
  app.route('/sandbox', controlApi(ctx))
  app.route('/', phoneRoutes(ctx))
  // After phoneRoutes: its /phone/* middleware (headers, CSRF, no-store) guards these pages too.
  if (ctx.verify) app.route('/', verifyPhoneRoutes(ctx as VerifyContext))
  app.route('/', authyApi(ctx))

  return {
    app,
    twilioApp: ctx.twilio && twilioApi(ctx, ctx.twilio),
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

function sandboxTwilioAccount(options: SandboxTwilioOptions) {
  return twilioAccount({
    accountSid: options.accountSid,
    authToken: options.authToken,
    fromNumbers: [options.fromNumber ?? SANDBOX_FROM_NUMBER, SANDBOX_FROM_NUMBER],
  })
}
