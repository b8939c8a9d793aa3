import { randomBytes } from 'node:crypto'
import { epochSeconds } from './clock.js'

// 100-ns intervals from the Gregorian reform (1582-10-15) to the Unix epoch, for version 1 UUIDs.
const GREGORIAN_OFFSET = 122_192_928_000_000_000n

/**
 * A 24-hex identifier shaped like the Mongo ObjectIds Authy returns (`_id`, `app_id`, `user_id`):
 * 4 bytes of epoch seconds, then 8 random bytes.
 *
 * @example
 * objectId(Date.now()) // '6740a1b2c3d4e5f601234567'
 */
export function objectId(nowMs: number): string {
  const seconds = epochSeconds(nowMs).toString(16).padStart(8, '0').slice(-8)
  return seconds + randomBytes(8).toString('hex')
}

/**
 * An RFC 4122 version 1 (time-based) UUID like the ones in real approval requests, with a random
 * clock sequence and a random multicast node id (RFC 4122 §4.5) instead of a MAC address.
 *
 * @example
 * timeUuid(Date.now()) // '8d031630-d15b-11ef-b0a8-0a77bbe8093e'
 */
export function timeUuid(nowMs: number): string {
  const random = randomBytes(10)
  const ticks = BigInt(nowMs) * 10_000n + BigInt(random.readUInt16BE(0) % 10_000) + GREGORIAN_OFFSET
  const timeLow = (ticks & 0xffffffffn).toString(16).padStart(8, '0')
  const timeMid = ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0')
  const timeHigh = (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0')
  const clockSeq = ((random.readUInt16BE(2) & 0x3fff) | 0x8000).toString(16).padStart(4, '0')
  random[4] |= 0x01
  const node = random.subarray(4, 10).toString('hex')
  return `${timeLow}-${timeMid}-${timeHigh}-${clockSeq}-${node}`
}

/**
 * An unguessable URL-safe token (192 random bits) for a phone page link.
 *
 * @example
 * phonePageToken() // 'q3V0x...' (32 characters)
 */
export function phonePageToken(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * The id of a sent email, shaped like Authy's (`EM` and 32 hex digits).
 *
 * @example
 * emailId() // 'EMa364aa751cc280d8c22772307e2c5760'
 */
export function emailId(): string {
  return randomSid('EM')
}

/**
 * A Twilio-shaped SID: a two-letter prefix (`SM` a text, `MM` a text with media) and 32 random
 * hex digits.
 *
 * @example
 * randomSid('SM') // 'SM3f0c2d6b9a1e4f7c8d2b5a6e9f0c1d2e'
 */
export function randomSid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`
}
