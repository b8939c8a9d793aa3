import type { CallbackState } from './callback-state.js'
import type { AppView, CallbackHealth } from './control-schemas.js'
import type { CallbackMethod, StoredApp } from './store-schema.js'

/**
 * Whether `url` is an absolute http(s) URL (a callback may point nowhere else).
 *
 * @example
 * isHttpUrl('javascript:alert(1)') // false
 */
export function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== ''
  } catch {
    return false
  }
}

/**
 * Why a URL cannot be the OneTouch callback URL, or null when it can. It must be an absolute
 * http(s) URL without a query string or a fragment: Authy signs the URL without them (spec §3.3),
 * and a GET callback carries its own parameters in the query string.
 *
 * @example
 * callbackUrlProblem('http://127.0.0.1:4000/authy/callback?x=1') // 'Must not have a query ...'
 */
export function callbackUrlProblem(url: string): string | null {
  if (!isHttpUrl(url)) return 'Must be an absolute http or https URL'
  if (url.includes('?')) {
    return (
      'Must not have a query string: callbacks are signed without one, and a GET callback ' +
      'sends its own parameters there'
    )
  }
  if (url.includes('#')) return 'Must not have a fragment (#...)'
  return null
}

/**
 * Sets (or with `null`, clears) an application's OneTouch callback URL. Setting it always
 * re-enables it and resets the failure count, and answers still on their way for the old URL no
 * longer count.
 *
 * @example
 * setCallback(app, callbacks, 'http://127.0.0.1:3000/authy/callback', 'POST')
 */
export function setCallback(
  app: StoredApp,
  callbacks: CallbackState,
  url: string | null,
  method: CallbackMethod
): void {
  app.callback = {
    url,
    method,
    consecutive_failures: 0,
    disabled: false,
    disabled_at_ms: null,
    last_error: null,
  }
  callbacks.generations.set(app.app_id, callbackGeneration(callbacks, app) + 1)
}

/**
 * How many times the application's callback URL was set since the sandbox started.
 *
 * @example
 * const generation = callbackGeneration(callbacks, app)
 */
export function callbackGeneration(callbacks: CallbackState, app: StoredApp): number {
  return callbacks.generations.get(app.app_id) ?? 0
}

/**
 * The application's callback in one word ({@link CallbackHealth}).
 *
 * @example
 * callbackHealth(app) // 'disabled' after 3 failed deliveries in a row
 */
export function callbackHealth(app: StoredApp): CallbackHealth {
  const { callback } = app
  if (callback.url === null) return 'unset'
  if (callback.disabled) return 'disabled'
  return callback.consecutive_failures > 0 ? 'failing' : 'working'
}

/**
 * An application as the control API shows it: name, whether SMS and calls are on, the callback
 * URL and its health.
 *
 * @example
 * appView(ownApp(store.data)).disabled
 */
export function appView(app: StoredApp): AppView {
  const { callback } = app
  return {
    name: app.name,
    sms_enabled: app.sms_enabled,
    calls_enabled: app.calls_enabled,
    onetouch_callback_url: callback.url,
    onetouch_callback_method: callback.method,
    consecutive_failures: callback.consecutive_failures,
    disabled: callback.disabled,
    disabled_at:
      callback.disabled_at_ms === null ? null : new Date(callback.disabled_at_ms).toISOString(),
    last_error:
      callback.last_error === null
        ? null
        : {
            message: callback.last_error.message,
            at: new Date(callback.last_error.at_ms).toISOString(),
          },
  }
}
