import { tellUsersOf } from '../apps.js'
import { callbackHealth, callbackUrlProblem, setCallback } from '../callback-config.js'
import { phoneUrl, type SandboxContext } from '../sandbox-context.js'
import type { CallbackMethod, StoredApp } from '../store-schema.js'
import { pointsAtThisComputer } from '../this-computer.js'
import { findUserOfApp } from '../users.js'
import { badRoomField, notYourUser } from './room-errors.js'
import type { RoomApp } from './room-schemas.js'

/** What `PUT /room/app/callback` looks like, for messages. */
export const CALLBACK_EXAMPLE = '{"url": "http://192.168.1.23:4100/authy/callback"}'
/** The longest callback URL accepted. */
export const MAX_CALLBACK_URL_LENGTH = 2000

/**
 * An application as `GET /room/app` shows it to its attendee: its name and its OneTouch callback
 * (URL, method, how it is doing, failures in a row, the last error).
 *
 * @example
 * roomAppView(app).callback.state // 'disabled' after 3 failed deliveries in a row
 */
export function roomAppView(app: StoredApp): RoomApp {
  const { callback } = app
  return {
    app_name: app.name,
    callback: {
      url: callback.url,
      method: callback.method,
      state: callbackHealth(app),
      failures: callback.consecutive_failures,
      last_error:
        callback.last_error === null
          ? null
          : {
              message: callback.last_error.message,
              at: new Date(callback.last_error.at_ms).toISOString(),
            },
    },
  }
}

/**
 * Sets (`url`: an http(s) URL) or clears (`url`: null) an application's OneTouch callback, from
 * `PUT /room/app/callback`; `method` (`POST` or `GET`) is optional and kept when absent. Setting
 * it re-enables a disabled URL. A URL on this computer's loopback (`127.0.0.1`, `localhost`) is
 * refused unless the request came from this computer: it would reach the presenter's machine,
 * not the attendee's. Throws 400 naming the field.
 *
 * @example
 * await setRoomCallback(ctx, app, { url: 'http://192.168.1.23:4100/authy/callback' }, false)
 */
export async function setRoomCallback(
  ctx: SandboxContext,
  app: StoredApp,
  body: Record<string, unknown>,
  fromThisComputer: boolean
): Promise<RoomApp> {
  const url = callbackUrlField(body.url, fromThisComputer)
  const method = methodField(body.method) ?? app.callback.method
  const wasDisabled = app.callback.disabled
  setCallback(app, ctx.callbacks, url, method)
  await ctx.store.save()
  if (wasDisabled) tellUsersOf(ctx.events, app)
  ctx.log(
    url === null
      ? `${app.name} cleared its OneTouch callback URL.`
      : `${app.name} set its OneTouch callback URL to ${method} ${url}.`
  )
  return roomAppView(app)
}

/**
 * The phone page link of a user the application registered (on the sandbox's public address);
 * 404 for any other id.
 *
 * @example
 * roomPhoneUrl(ctx, app, '100001') // 'http://192.168.1.20:4200/phone/q3V0x…'
 */
export function roomPhoneUrl(ctx: SandboxContext, app: StoredApp, authyId: string): string {
  const user = findUserOfApp(ctx.store.data, app, authyId)
  if (!user) throw notYourUser(authyId)
  return phoneUrl(ctx, user.phone_token)
}

function callbackUrlField(value: unknown, fromThisComputer: boolean): string | null {
  if (value === undefined) {
    throw badRoomField(
      'url',
      `url is required: your app's callback URL, or null to clear it, e.g. ${CALLBACK_EXAMPLE}`
    )
  }
  if (value === null || value === '') return null
  if (typeof value !== 'string') throw badRoomField('url', 'url must be a string or null')
  const url = value.trim()
  if (url.length > MAX_CALLBACK_URL_LENGTH)
    throw badRoomField('url', `url must be at most ${MAX_CALLBACK_URL_LENGTH} characters`)
  const problem = callbackUrlProblem(url)
  if (problem) throw badRoomField('url', `url: ${problem}, e.g. ${CALLBACK_EXAMPLE}`)
  if (!fromThisComputer && pointsAtThisComputer(url)) {
    throw badRoomField(
      'url',
      `url points at ${new URL(url).hostname}, which from the sandbox is the presenter's ` +
        "computer, not yours: use your laptop's address on this network, " +
        `e.g. ${CALLBACK_EXAMPLE}`
    )
  }
  return url
}

function methodField(value: unknown): CallbackMethod | undefined {
  if (value === undefined || value === null) return undefined
  const method = typeof value === 'string' ? value.toUpperCase() : value
  if (method === 'POST' || method === 'GET') return method
  throw badRoomField('method', 'method must be "POST" or "GET"')
}
