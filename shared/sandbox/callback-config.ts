import type { CallbackState } from './callback-delivery.js'
import type { AppView } from './control-schemas.js'
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
 * Sets (or with `null`, clears) the OneTouch callback URL. Setting it always re-enables it and
 * resets the failure count, and answers still on their way for the old URL no longer count.
 *
 * @example
 * setCallback(store.data.app, callbacks, 'http://127.0.0.1:3000/authy/callback', 'POST')
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
  callbacks.generation += 1
}

/**
 * The application as the control API shows it: name, callback URL and its health.
 *
 * @example
 * appView(store.data.app).disabled
 */
export function appView(app: StoredApp): AppView {
  const { callback } = app
  return {
    name: app.name,
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
