import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'

/** A server listening on a port, with the URL to reach it and a way to stop it. */
export interface RunningServer {
  url: string
  port: number
  host: string
  close(): Promise<void>
}

export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>
  port: number
  host: string
  /** What this server is, for messages: "the bank app", "the sandbox". */
  name: string
  /** The environment variable that moves it to another port, named in the busy-port message. */
  portVariable: string
}

/** Thrown when the port is taken; its message says which variable to set instead. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
    name: string,
    portVariable: string
  ) {
    super(
      `Port ${port} is already in use, so ${name} cannot start. ` +
        `Another copy may still be running: stop it (Ctrl+C in its terminal), ` +
        `or pick another port, e.g. ${portVariable}=${port + 10} in .env or before the command.`
    )
    this.name = 'PortInUseError'
  }
}

/**
 * Starts a Hono (or any fetch-style) handler on `host:port`; port 0 picks a free one.
 * Rejects with {@link PortInUseError} when the port is busy.
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
      if (error.code === 'EADDRINUSE') {
        reject(new PortInUseError(options.port, options.host, options.name, options.portVariable))
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(
          new Error(
            `${options.name} cannot listen on ${options.host}: this machine has no such address. ` +
              `Use 127.0.0.1, 0.0.0.0 or one of this machine's own addresses.`
          )
        )
      } else {
        reject(error)
      }
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
