import type { IncomingMessage } from 'node:http'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { unmappedAddress } from './hosts.js'

/**
 * The address a request came from (an IPv4 address mapped into IPv6 given back as IPv4), or
 * undefined for a request handed to `app.request()` in the same process: it has no socket.
 *
 * @example
 * remoteAddressOf(c) // '192.168.1.23'
 */
export function remoteAddressOf(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (!incoming) return undefined
  return unmappedAddress(getConnInfo(c).remote.address ?? '')
}
