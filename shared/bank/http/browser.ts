import { getConnInfo } from '@hono/node-server/conninfo'
import type { BankContext } from './bank-env.js'

/**
 * The browser of a request, as a sign-in shows it on the phone: its address and user agent.
 * A request handed to the app in this process (a test) has no address: `unknown`.
 *
 * @example
 * browserOf(c) // { ip: '192.168.1.20', userAgent: 'Mozilla/5.0 …' }
 */
export function browserOf(c: BankContext): { ip: string; userAgent: string } {
  let ip = 'unknown'
  try {
    ip = getConnInfo(c).remote.address?.replace(/^::ffff:/, '') ?? 'unknown'
  } catch {
    // No socket: app.request(…) in tests.
  }
  const userAgent = (c.req.header('user-agent') ?? 'an unknown browser').slice(0, 200)
  return { ip, userAgent }
}
