import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Change, ChangeEvents } from '../domain/change-events.js'

const KEEP_ALIVE_MS = 15_000

/**
 * A page's event stream: `ready` at once, then `change` whenever a change it cares about happens
 * (the page's script then re-fetches its live part), and a keep-alive comment every 15 s. Ends
 * when the browser goes away.
 *
 * @example
 * return streamChanges(c, ctx.events, (change) => change.phoneKey === device.phone_key, ctx.now)
 */
export function streamChanges(
  c: Context,
  events: ChangeEvents,
  matters: (change: Change) => boolean,
  now: () => number
): Response {
  return streamSSE(c, async (stream) => {
    let changed = false
    let wake: () => void = () => {}
    const unsubscribe = events.subscribe((change) => {
      if (matters(change)) {
        changed = true
        wake()
      }
    })
    let open = true
    stream.onAbort(() => {
      open = false
      wake()
    })
    await stream.writeSSE({ event: 'ready', data: 'ok' })
    while (open) {
      if (!changed)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, KEEP_ALIVE_MS)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      if (!open) break
      if (changed) {
        changed = false
        await stream.writeSSE({ event: 'change', data: String(now()) })
      } else {
        await stream.write(': keep-alive\n\n')
      }
    }
    unsubscribe()
  })
}
