import { randomInt } from 'node:crypto'

/** Letters and digits that cannot be mistaken for one another when read off a projector. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** How long a room code is. */
export const ROOM_CODE_LENGTH = 6

/**
 * A new room code: six characters a room can read aloud and type (31⁶, about 900 million).
 *
 * @example
 * newRoomCode() // 'K7QX2M'
 */
export function newRoomCode(): string {
  let code = ''
  for (let index = 0; index < ROOM_CODE_LENGTH; index++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/**
 * A room code as typed: trimmed, upper case, spaces and dashes dropped (`k7q-x2m` → `K7QX2M`).
 *
 * @example
 * normalizeRoomCode(' k7q x2m ') // 'K7QX2M'
 */
export function normalizeRoomCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase()
}
