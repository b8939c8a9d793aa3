import { isLoopbackAddress, isWildcardHost } from '../../runtime/hosts.js'

/**
 * Whether a URL points at the computer the sandbox runs on, whoever opens it there: `localhost`
 * (and `*.localhost`), a loopback address (127.0.0.0/8, ::1) or a wildcard one (0.0.0.0, ::).
 * A phone, or an attendee's laptop, cannot reach such a link; and a callback the sandbox sends
 * there reaches the sandbox's own computer.
 *
 * @example
 * pointsAtThisComputer('http://127.0.0.1:4200/phone/abc') // true
 */
export function pointsAtThisComputer(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    isLoopbackAddress(host) ||
    isWildcardHost(host)
  )
}
