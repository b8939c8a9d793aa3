import { z } from 'zod'
import { MODULES } from '../../steps/guide.js'

/** Where attendees' checkers post their progress: no session, no form token (the room code is the check). */
export const PROGRESS_PATH = '/presenter/progress'

/** A checker's progress report, as read. */
export interface ProgressReport {
  room: string
  /** Trimmed, 1 to {@link MAX_NAME_LENGTH} characters. */
  name: string
  /** Distinct step numbers, in order. */
  stepsDone: number[]
}

/** The longest attendee name the room shows. */
export const MAX_NAME_LENGTH = 40

const STEPS: number[] = MODULES.flatMap((module) => [...module.steps])
const LAST_STEP = Math.max(...STEPS)

const STEPS_DONE = `steps_done must be a list of step numbers from 1 to ${LAST_STEP}, e.g. [1, 2].`

const reportSchema = z.object(
  {
    room: z.string({ error: 'room must be the room code, a string such as "K7QX2M".' }).max(64, {
      error: 'room is too long: it is the six-character code on the presenter’s screen.',
    }),
    name: z
      .string({ error: 'name must be a string: your name as the room should see it.' })
      .trim()
      .min(1, { error: 'name is empty: give your name as the room should see it.' })
      .max(MAX_NAME_LENGTH, {
        error: `name is too long: at most ${MAX_NAME_LENGTH} characters.`,
      })
      .refine((name) => !/\p{Cc}/u.test(name), {
        error: 'name has control characters: use letters, digits and spaces.',
      }),
    // One message for every way the list can be wrong: it says what a right one looks like.
    steps_done: z
      .array(z.int({ error: STEPS_DONE }).min(1).max(LAST_STEP), { error: STEPS_DONE })
      .max(STEPS.length, { error: `steps_done lists at most ${STEPS.length} steps.` }),
  },
  { error: 'The report must be a JSON object: {"room": "…", "name": "…", "steps_done": [1, 2]}.' }
)

/**
 * Reads a progress report's JSON body; the message to answer with when it is malformed.
 *
 * @example
 * readProgressReport({ room: 'K7QX2M', name: ' Ada ', steps_done: [2, 1] })
 * // { ok: true, report: { room: 'K7QX2M', name: 'Ada', stepsDone: [1, 2] } }
 */
export function readProgressReport(
  body: unknown
): { ok: true; report: ProgressReport } | { ok: false; message: string } {
  const parsed = reportSchema.safeParse(body)
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message }
  const { room, name, steps_done } = parsed.data
  return {
    ok: true,
    report: { room, name, stepsDone: [...new Set(steps_done)].sort((a, b) => a - b) },
  }
}
