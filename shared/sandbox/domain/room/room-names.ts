/** The longest name an attendee may join with, in characters (after trimming). */
export const MAX_ROOM_NAME_LENGTH = 40

// Control characters, line and paragraph separators, text-direction marks and overrides (a name
// shown on the projector must not reorder or break the text around it), and surrogate halves
// without their partner (JSON can carry one; it is not text).
const REFUSED = /[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Surrogate}/u

/**
 * Why a name (already trimmed) cannot join a room, as a sentence naming the field, or null when it
 * can: 1 to {@link MAX_ROOM_NAME_LENGTH} characters, no control characters.
 *
 * @example
 * roomNameProblem('') // 'name is required: your first name, e.g. "Ada"'
 */
export function roomNameProblem(name: string): string | null {
  const length = [...name].length
  if (length === 0) return 'name is required: your first name, e.g. "Ada"'
  if (length > MAX_ROOM_NAME_LENGTH)
    return `name must be at most ${MAX_ROOM_NAME_LENGTH} characters (it has ${length})`
  if (REFUSED.test(name))
    return 'name must not contain control characters (line breaks, tabs, direction marks…)'
  return null
}

/**
 * What two names are compared by: the same letters whatever their case ("ada" is "Ada").
 *
 * @example
 * roomNameKey('Ada') === roomNameKey(' ADA ') // true
 */
export function roomNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase()
}

/**
 * The name of the application an attendee gets.
 *
 * @example
 * bankName('Ada') // "Ada's bank"
 */
export function bankName(name: string): string {
  return `${name}'s bank`
}
