import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { listenError } from './listen-errors.js'

export { ListenError, PortInUseError } from './listen-errors.js'

/** A server listening on a port, with the URL to reach it and a way to stop it. */
export interface RunningServer {
  url: string
  port: number
  host: string
  close(): Promise<void>
}

export interface ListenOptions {
  /** Gets the request and the server's bindings (`env.incoming`, the Node request). */
  fetch: (request: Request, env: unknown) => Response | Promise<Response>
  port: number
  host: string
  /** What this server is, for messages: "the bank app", "the sandbox". */
  name: string
  /** The environment variable that moves it to another port, named in the busy-port message. */
  portVariable: string
  /** The environment variable that sets its host. Default: `portVariable` with HOST for PORT. */
  hostVariable?: string
}

/**
 * Starts a Hono (or any fetch-style) handler on `host:port`; port 0 picks a free one.
 * Rejects with `PortInUseError` when the port is busy, and with a `ListenError` naming the variable
 * to change for any other refusal (no such address, a port only administrators may use).
 *
 * @example
 * const server = await listen({ fetch: app.fetch, port: 4000, host: '127.0.0.1',
 *   name: 'the bank app', portVariable: 'PORT' })
 * console.log(server.url) // http://127.0.0.1:4000
 */
export function listen(options: ListenOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: options.fetch,
      port: options.port,
      hostname: options.host,
      // The default: @hono/node-server swaps in its lightweight Request/Response, 3-4x faster here
      // (npm run bench). Nothing in this project relies on `instanceof Response`.
    })
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        listenError(error, {
          ...options,
          hostVariable: options.hostVariable ?? options.portVariable.replace(/PORT$/, 'HOST'),
        })
      )
    })
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        host: options.host,
        close: () =>
          new Promise<void>((done) => {
            // Open keep-alive and event-stream connections would hold the port: cut them.
            const http = server as unknown as { closeAllConnections?: () => void }
            server.close(() => done())
            http.closeAllConnections?.()
          }),
      })
    })
  })
}
