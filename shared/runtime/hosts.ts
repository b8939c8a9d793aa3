import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'

/**
 * Whether a listen address means "every network" (`0.0.0.0`, `::`, or empty): no address to open
 * in a browser, and one that phones on the Wi-Fi can reach.
 *
 * @example
 * isWildcardHost('0.0.0.0') // true
 */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === ''
}

/**
 * Whether an IP address is this computer's loopback: 127.0.0.0/8 or ::1, also as an IPv4 address
 * mapped into IPv6 (`::ffff:127.0.0.1`, what a dual-stack server sees).
 *
 * @example
 * isLoopbackAddress('::ffff:127.0.0.1') // true
 */
export function isLoopbackAddress(address: string): boolean {
  const plain = unmappedAddress(address)
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain)
}

/**
 * An address as a plain string: lower case, an IPv4 address mapped into IPv6 given back as IPv4.
 *
 * @example
 * unmappedAddress('::FFFF:192.168.1.20') // '192.168.1.20'
 */
export function unmappedAddress(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
}

/**
 * This machine's first non-internal IPv4 address (what a phone on the same Wi-Fi can reach), or
 * undefined without one.
 *
 * @example
 * lanAddress() // '192.168.1.20'
 */
export function lanAddress(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()
): string | undefined {
  for (const addresses of Object.values(interfaces)) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal)
    if (found) return found.address
  }
  return undefined
}

/**
 * Where clients and phones reach a server listening on `host:port`. A wildcard host (`0.0.0.0`,
 * `::`) means clients on this machine use 127.0.0.1 and phones use the LAN address.
 *
 * @example
 * reachableUrls('0.0.0.0', 4200)
 * // { url: 'http://127.0.0.1:4200', publicUrl: 'http://192.168.1.20:4200' }
 */
export function reachableUrls(
  host: string,
  port: number,
  findLanAddress: () => string | undefined = lanAddress
): { url: string; publicUrl: string } {
  const wildcard = isWildcardHost(host)
  const local = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const phone = wildcard ? (findLanAddress() ?? '127.0.0.1') : local
  return { url: `http://${local}:${port}`, publicUrl: `http://${phone}:${port}` }
}

/**
 * Where other devices on the network reach a server listening on `host:port`: its LAN address,
 * or undefined when it listens on this computer only (a loopback host, port 0 in process, or a
 * wildcard host on a computer with no network).
 *
 * @example
 * networkUrl('0.0.0.0', 4000) // 'http://192.168.1.20:4000'
 * networkUrl('127.0.0.1', 4000) // undefined
 */
export function networkUrl(
  host: string,
  port: number,
  findLanAddress: () => string | undefined = lanAddress
): string | undefined {
  if (port === 0) return undefined
  const { publicUrl } = reachableUrls(host, port, findLanAddress)
  const hostname = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '')
  return isLoopbackAddress(hostname) || hostname === 'localhost' ? undefined : publicUrl
}
