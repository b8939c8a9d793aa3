import { constantTimeEqual } from '../../authy/signature.js'
import type { ProgressReport } from '../forms/progress-report.js'
import type { ProgressFile } from '../store/progress-file.js'
import type { Clock } from '../store/store.js'
import type { AttemptLimiter } from './attempt-limits.js'
import { normalizeRoomCode } from './room-code.js'
import type { Attendee } from './room-summary.js'

/** At most this many attendees in one room's progress grid. */
export const MAX_ATTENDEES = 500
/** One report per attendee per this many milliseconds. */
export const REPORT_INTERVAL_MS = 1000
/** An attendee not heard from for this long fades on the room view. */
export const ATTENDEE_FADES_AFTER_MS = 10 * 60_000

/** How a progress report ended. */
export type ReportOutcome =
  | { kind: 'recorded'; attendee: Attendee }
  /** Not this room's code. */
  | { kind: 'wrong-room' }
  /** Too many wrong room codes from this address lately. */
  | { kind: 'locked'; retryAfterSeconds: number }
  /** A new name, and the room already has {@link MAX_ATTENDEES}. */
  | { kind: 'room-full'; max: number }
  /** The same attendee reported less than a second ago. */
  | { kind: 'too-soon'; retryAfterSeconds: number }

/** The attendees' progress: who has done which steps. */
export interface RoomProgress {
  /** Records a report sent from the address `from`. */
  report(report: ProgressReport, from: string): Promise<ReportOutcome>
  /** Every attendee, in the order they first reported. */
  attendees(): Attendee[]
  /** Calls `listener` after every recorded report. Returns the unsubscribe function. */
  onChange(listener: () => void): () => void
}

/**
 * Keeps the progress reports of one room (its code is the reports' credential, typed in any case):
 * the latest steps of each attendee, by name (trimmed, any case), at most one report a second
 * each, and at most 20 wrong codes per address in 10 minutes.
 *
 * @example
 * const progress = createRoomProgress({ roomCode: 'K7QX2M', file, clock: Date.now,
 *   wrongCodesFrom: limits.wrongRoomCodesFrom })
 * await progress.report({ room: 'K7QX2M', name: 'Ada', stepsDone: [1, 2] }, '192.168.1.20')
 */
export function createRoomProgress(deps: {
  roomCode: string
  file: ProgressFile
  clock: Clock
  /** Wrong room codes per address. */
  wrongCodesFrom: AttemptLimiter
  maxAttendees?: number
}): RoomProgress {
  const { data } = deps.file
  const max = deps.maxAttendees ?? MAX_ATTENDEES
  const listeners = new Set<() => void>()
  const key = (name: string) => name.toLowerCase()

  return {
    async report(report, from) {
      const lockedMs = deps.wrongCodesFrom.waitFor(from)
      if (lockedMs > 0) return { kind: 'locked', retryAfterSeconds: Math.ceil(lockedMs / 1000) }
      if (!constantTimeEqual(deps.roomCode, normalizeRoomCode(report.room))) {
        deps.wrongCodesFrom.record(from)
        return { kind: 'wrong-room' }
      }
      const now = deps.clock()
      let attendee = data.attendees.find((known) => key(known.name) === key(report.name))
      if (attendee) {
        const waitMs = Date.parse(attendee.last_seen) + REPORT_INTERVAL_MS - now
        if (waitMs > 0) return { kind: 'too-soon', retryAfterSeconds: Math.ceil(waitMs / 1000) }
      } else {
        if (data.attendees.length >= max) return { kind: 'room-full', max }
        attendee = { name: report.name, steps_done: [], last_seen: '' }
        data.attendees.push(attendee)
      }
      attendee.steps_done = report.stepsDone
      attendee.last_seen = new Date(now).toISOString()
      await deps.file.save()
      for (const listener of listeners) listener()
      return { kind: 'recorded', attendee: structuredClone(attendee) }
    },

    attendees() {
      return structuredClone(data.attendees)
    },

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
