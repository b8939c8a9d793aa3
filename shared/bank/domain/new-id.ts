import { randomBytes } from 'node:crypto'

/**
 * A new random id for a stored record (a user, a transfer), safe in a URL.
 *
 * @example
 * newId() // 'k3J9x0aQ2mZ1b7Vt'
 */
export function newId(): string {
  return randomBytes(12).toString('base64url')
}
