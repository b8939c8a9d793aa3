import { randomUUID } from 'node:crypto'
import { request } from 'undici'
import { toQuery } from '../../authy/rails-params.js'
import { computeCallbackSignature } from '../../authy/signature.js'
import { callbackGeneration } from './callback-config.js'
import type { CallbackPayload } from './callback-payload.js'
import type { CallbackState } from './callback-state.js'
import { epochSeconds } from './clock.js'
import type { CallbackAttempt } from './control-schemas.js'
import { keyOf } from './app-keys.js'
import { tellUsersOf } from './apps.js'
import type { SandboxContext } from './sandbox-context.js'
import type { StoredApp } from './store-schema.js'

/** Consecutive failed deliveries after which the callback URL is disabled (what Authy did). */
export const FAILURES_BEFORE_DISABLE = 3
/** Delivery attempts remembered for `GET /sandbox/callbacks`. */
export const CALLBACK_LOG_LIMIT = 200

/** What delivering a callback needs (a {@link SandboxContext} has all of it). */
export type CallbackDeps = Pick<
  SandboxContext,
  'apiKey' | 'store' | 'now' | 'log' | 'events' | 'callbacks' | 'callbackTimeoutMs'
>

/**
 * Sends one callback to the application's URL, signed with the application's key: POST with the
 * compact JSON body, or GET with the canonical query string. One attempt, with a timeout. A 2xx
 * answer resets the application's failure count; anything else counts, and the third failure in
 * a row disables its URL (logged loudly). Returns the attempt, or null when no URL is set or it
 * is disabled. Never rejects: a failure inside the sandbox (signing the payload, saving the
 * outcome) is logged, and recorded as a failed attempt when it stops the delivery.
 *
 * @example
 * const attempt = await deliverCallback(deps, app, payload, 'decision')
 */
export function deliverCallback(
  deps: CallbackDeps,
  app: StoredApp,
  payload: CallbackPayload,
  kind: CallbackAttempt['kind']
): Promise<CallbackAttempt | null> {
  // Nothing may escape: the phone page does not wait for this promise, and a rejection nobody
  // handles would stop the whole process.
  const delivery = attemptDelivery(deps, app, payload, kind).catch((error: unknown) => {
    deps.log(
      `Callback for ${payload.uuid} (${payload.status}) failed inside the sandbox: ` +
        (error instanceof Error ? error.message : String(error))
    )
    return null
  })
  deps.callbacks.inFlight.add(delivery)
  void delivery.then(() => deps.callbacks.inFlight.delete(delivery))
  return delivery
}

async function attemptDelivery(
  deps: CallbackDeps,
  app: StoredApp,
  payload: CallbackPayload,
  kind: CallbackAttempt['kind']
): Promise<CallbackAttempt | null> {
  const config = app.callback
  if (config.url === null) return null
  if (config.disabled) {
    deps.log(
      `Callback for ${payload.uuid} (${payload.status}) NOT sent: ` +
        `the callback URL ${config.url} is ` +
        `disabled after ${FAILURES_BEFORE_DISABLE} failed deliveries. Set it again to re-enable it.`
    )
    return null
  }
  const { url, method } = config
  const generation = callbackGeneration(deps.callbacks, app)
  const started = deps.now()
  const nonce = String(epochSeconds(started))
  const signature = computeCallbackSignature({
    apiKey: keyOf(deps.apiKey, app),
    nonce,
    method,
    url,
    params: payload,
  })
  const headers: Record<string, string> = {
    'user-agent': 'AuthySandbox/1.0',
    'x-authy-signature': signature,
    'x-authy-signature-nonce': nonce,
  }
  const { httpStatus, error } = await sendWithinTimeout(
    deps,
    method === 'GET' ? `${url}?${toQuery(payload)}` : url,
    method === 'POST'
      ? {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        }
      : { method, headers }
  )

  const attempt: CallbackAttempt = {
    id: randomUUID(),
    app_id: app.app_id,
    kind,
    url,
    method,
    uuid: payload.uuid,
    status: payload.status,
    http_status: httpStatus,
    error,
    ok: error === null,
    at: new Date(started).toISOString(),
    duration_ms: Math.max(0, Math.round(deps.now() - started)),
  }
  remember(deps.callbacks, attempt)
  if (generation !== callbackGeneration(deps.callbacks, app)) return attempt
  try {
    await countOutcome(deps, app, attempt)
  } catch (cause) {
    deps.log(
      `The outcome of the callback for ${attempt.uuid} could not be saved: ` +
        (cause instanceof Error ? cause.message : String(cause))
    )
  }
  return attempt
}

async function countOutcome(
  deps: CallbackDeps,
  app: StoredApp,
  attempt: CallbackAttempt
): Promise<void> {
  const config = app.callback
  if (attempt.ok) {
    config.consecutive_failures = 0
    deps.log(
      `Callback ${attempt.status} for ${attempt.uuid} delivered to ${attempt.url} ` +
        `(HTTP ${attempt.http_status}).`
    )
  } else {
    config.consecutive_failures += 1
    config.last_error = { message: attempt.error ?? 'failed', at_ms: deps.now() }
    deps.log(
      `Callback ${attempt.status} for ${attempt.uuid} of ${app.name} to ${attempt.url} FAILED: ` +
        `${attempt.error} ` +
        `(${config.consecutive_failures} in a row).`
    )
    if (config.consecutive_failures >= FAILURES_BEFORE_DISABLE && !config.disabled) {
      config.disabled = true
      config.disabled_at_ms = deps.now()
      deps.log(
        `!!! The OneTouch callback URL ${attempt.url} of ${app.name} is now DISABLED after ` +
          `${FAILURES_BEFORE_DISABLE} consecutive failed deliveries: ` +
          `no more callbacks will be sent. ` +
          `Fix the receiver, then set the URL again to re-enable it ` +
          `(PUT /sandbox/app, or PUT /room/app/callback for an application joined in a room).`
      )
      tellUsersOf(deps.events, app)
    }
  }
  await deps.store.save()
}

function remember(state: CallbackState, attempt: CallbackAttempt): void {
  state.attempts.push(attempt)
  if (state.attempts.length > CALLBACK_LOG_LIMIT) state.attempts.shift()
}

/** What one delivery over HTTP came to: the answer's status, and why it failed if it did. */
export interface HttpOutcome {
  httpStatus: number | null
  /** A status outside 2xx, a timeout or a connection error, in words; null when it arrived. */
  error: string | null
}

/**
 * Sends one request of the sandbox's own (a callback, a webhook) on the callbacks' agent, within
 * `callbackTimeoutMs`. Never rejects: a failure is in the outcome.
 *
 * @example
 * const { httpStatus, error } = await sendWithinTimeout(deps, url, { method: 'POST', headers, body })
 */
export async function sendWithinTimeout(
  deps: Pick<CallbackDeps, 'callbacks' | 'callbackTimeoutMs'>,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string }
): Promise<HttpOutcome> {
  let httpStatus: number | null = null
  try {
    const response = await request(url, {
      ...init,
      dispatcher: deps.callbacks.agent,
      headersTimeout: deps.callbackTimeoutMs,
      bodyTimeout: deps.callbackTimeoutMs,
      signal: AbortSignal.timeout(deps.callbackTimeoutMs),
    })
    httpStatus = response.statusCode
    await response.body.dump()
    return { httpStatus, error: httpStatus < 200 || httpStatus > 299 ? `HTTP ${httpStatus}` : null }
  } catch (cause) {
    return { httpStatus, error: describeFailure(cause, deps.callbackTimeoutMs) }
  }
}

/**
 * Why a delivery failed, in a few words: a timeout, or the network error's code and message.
 *
 * @example
 * describeFailure(error, 5000) // 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1'
 */
export function describeFailure(cause: unknown, timeoutMs: number): string {
  const error = cause as { name?: string; code?: string; message?: string }
  if (
    error?.name === 'TimeoutError' ||
    error?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    error?.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return `timed out after ${timeoutMs} ms`
  }
  if (error?.code && !error.message?.includes(error.code))
    return `${error.code}: ${error.message ?? ''}`.trim()
  return error?.message ?? String(cause)
}
