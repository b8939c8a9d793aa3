import type { IncomingMessage } from 'node:http'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { MiddlewareHandler } from 'hono'
import { controlApiNotLocal } from './authy-errors.js'
import type { SandboxEnv } from './sandbox-env.js'

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', ''])

/**
 * Whether an IP address is this computer's loopback: 127.0.0.0/8 or ::1, also as an IPv4 address
 * mapped into IPv6 (`::ffff:127.0.0.1`, what a dual-stack server sees).
 *
 * @example
 * isLoopbackAddress('::ffff:127.0.0.1') // true
 */
export function isLoopbackAddress(address: string): boolean {
  const plain = unmapped(address)
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain)
}

/**
 * Middleware that lets only this computer through: clients on loopback, and, when the server
 * listens on one specific non-loopback address (so 127.0.0.1 does not reach it), clients coming
 * from that very address. Anyone else on the network gets 403: with `SANDBOX_HOST=0.0.0.0` the
 * phone pages and the Authy API are open to the room, but the control API (read every phone
 * link, approve anyone's transfer, repoint callbacks) must not be. Requests handed to
 * `app.request()` in the same process have no socket and are local by definition.
 *
 * @example
 * routes.use(onlyFromThisComputer('0.0.0.0'))
 */
export function onlyFromThisComputer(host: string): MiddlewareHandler<SandboxEnv> {
  const listensOnOneAddress = !WILDCARD_HOSTS.has(host) && !isLoopbackAddress(host)
  const ownAddress = unmapped(host.replace(/^\[|\]$/g, ''))
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    if (incoming) {
      const remote = unmapped(getConnInfo(c).remote.address ?? '')
      const local = isLoopbackAddress(remote) || (listensOnOneAddress && remote === ownAddress)
      if (!local) throw controlApiNotLocal()
    }
    await next()
  }
}

function unmapped(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
}
