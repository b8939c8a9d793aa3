import { createJoinLimit, type JoinLimit } from './join-limit.js'

/** The most applications a room holds, unless the `room.maxApps` option says otherwise. */
export const MAX_ROOM_APPS = 500
/** Join attempts an address may make in a minute, unless `room.joinsPerMinute` says otherwise. */
export const JOINS_PER_MINUTE = 10
/** The longest room code accepted. */
export const MAX_ROOM_CODE_LENGTH = 100

/** How to run a room: the sandbox option `room`. */
export interface RoomOptions {
  /** The code attendees join with (`POST /room/join`), e.g. "K7Q2XD". Compared in constant time. */
  code: string
  /** Default {@link MAX_ROOM_APPS}. */
  maxApps?: number
  /** Default {@link JOINS_PER_MINUTE}, per remote address. */
  joinsPerMinute?: number
  /**
   * The presenter's bank, whose room view keeps the progress grid (the join answer's `room_url`),
   * e.g. "http://192.168.1.20:4000"; none when the room has no room view.
   */
  progressUrl?: string
}

/** A room the sandbox runs: its code, its limits and the join attempts seen lately. */
export interface Room {
  code: string
  progressUrl: string | undefined
  maxApps: number
  joins: JoinLimit
}

/**
 * The room of the `room` option. Throws at once, naming the option, for a code that is empty,
 * too long or has spaces or control characters, or a limit that is not a positive whole number.
 *
 * @example
 * const room = createRoom({ code: 'K7Q2XD' })
 */
export function createRoom(options: RoomOptions): Room {
  const { code } = options
  const visible = typeof code === 'string' && /^[\x21-\x7e]+$/.test(code)
  if (!visible || code.length > MAX_ROOM_CODE_LENGTH)
    throw new Error(
      `room.code must be 1 to ${MAX_ROOM_CODE_LENGTH} visible ASCII characters without spaces, ` +
        'e.g. "K7Q2XD".'
    )
  return {
    code,
    progressUrl: options.progressUrl,
    maxApps: positiveWhole('room.maxApps', options.maxApps ?? MAX_ROOM_APPS),
    joins: createJoinLimit(
      positiveWhole('room.joinsPerMinute', options.joinsPerMinute ?? JOINS_PER_MINUTE)
    ),
  }
}

function positiveWhole(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of 1 or more (it is ${value}).`)
  return value
}
