import type { SSEStreamingApi } from 'hono/streaming'

/** A comment line now and then, so proxies and browsers keep an idle stream open. */
const HEARTBEAT_MS = 15_000

/**
 * Feeds a server-sent event stream with a record's state: one event now, one per change, and the
 * end once it is final, the browser leaves, or the app stops (`signal`).
 *
 * @example
 * return streamSSE(c, (stream) => liveStream(stream, { event: 'transfer', first: () => transfer,
 *   subscribe: (send) => store.onTransferChange(send), view: transferView, isFinal }))
 */
export async function liveStream<T>(
  stream: SSEStreamingApi,
  options: {
    event: string
    /** The state now. */
    first: () => T
    /** Calls `send` on each change; returns the unsubscribe function. */
    subscribe: (send: (current: T) => void) => () => void
    /** What the page is sent of it. */
    view: (current: T) => unknown
    isFinal: (current: T) => boolean
    signal?: AbortSignal | undefined
  }
): Promise<void> {
  let finish = () => {}
  const finished = new Promise<void>((resolve) => (finish = resolve))
  let queue = Promise.resolve()
  const send = (current: T) => {
    queue = queue
      .then(() =>
        stream.writeSSE({
          event: options.event,
          data: JSON.stringify(options.view(current)),
          retry: 2000,
        })
      )
      .then(() => {
        if (options.isFinal(current)) finish()
      })
      .catch(() => finish())
  }
  const unsubscribe = options.subscribe(send)
  const heartbeat = setInterval(() => {
    queue = queue
      .then(() => stream.write(': still here\n\n'))
      .then(
        () => undefined,
        () => finish()
      )
  }, HEARTBEAT_MS)
  stream.onAbort(finish)
  options.signal?.addEventListener('abort', finish, { once: true })
  send(options.first())
  await finished
  await queue
  clearInterval(heartbeat)
  unsubscribe()
  options.signal?.removeEventListener('abort', finish)
}
