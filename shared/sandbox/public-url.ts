import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'

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
  const wildcard = host === '0.0.0.0' || host === '::' || host === ''
  const local = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const phone = wildcard ? (findLanAddress() ?? '127.0.0.1') : local
  return { url: `http://${local}:${port}`, publicUrl: `http://${phone}:${port}` }
}
