import { z } from 'zod'

/**
 * zod types that accept a parameter the way any official client may send it: form and query values
 * are strings, JSON clients send numbers, booleans and `null`. `null` and `''` count as absent.
 */

const TRUE_WORDS = new Set(['true', '1', 'on', 'yes'])
const FALSE_WORDS = new Set(['false', '0', 'off', 'no'])

// A surrogate half on its own: JSON can carry one (`"\ud800"`), but it is not text and cannot be
// encoded as UTF-8, so a callback carrying it could never be signed.
const LONE_SURROGATE = /\p{Surrogate}/u
const NOT_TEXT = 'Must be valid Unicode text'

function absentToUndefined(value: unknown): unknown {
  return value === null || value === '' ? undefined : value
}

/**
 * Whether a string is well-formed UTF-16: no surrogate half without its partner.
 *
 * @example
 * isWellFormedText('bob\ud800') // false
 */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text)
}

/**
 * An optional boolean from `true`, `"true"`, `1`, `"1"`, `"on"`, `"yes"` (and their opposites).
 *
 * @example
 * z.object({ force: booleanParam }).parse({ force: '1' }) // { force: true }
 */
export const booleanParam = z.preprocess(
  (value) => {
    const present = absentToUndefined(value)
    if (typeof present === 'number') return present === 1 ? true : present === 0 ? false : present
    if (typeof present !== 'string') return present
    const word = present.trim().toLowerCase()
    return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : present
  },
  z.boolean({ error: 'Must be true or false' }).optional()
)

/**
 * An optional whole number from `600` or `"600"`.
 *
 * @example
 * z.object({ seconds_to_expire: integerParam }).parse({ seconds_to_expire: '600' }) // 600
 */
export const integerParam = z.preprocess(
  (value) => {
    const present = absentToUndefined(value)
    if (typeof present === 'string' && /^\s*-?\d+\s*$/.test(present)) return Number(present)
    return present
  },
  z.number({ error: 'Must be a whole number' }).int({ error: 'Must be a whole number' }).optional()
)

/**
 * An optional string; numbers and booleans become their text.
 *
 * @example
 * z.object({ country_code: stringParam }).parse({ country_code: 1 }) // { country_code: '1' }
 */
export const stringParam = z.preprocess(
  scalarToString,
  z.string({ error: 'Must be a string' }).refine(isWellFormedText, NOT_TEXT).optional()
)

/**
 * A string that must be present and not blank ("Parameter is required" otherwise).
 *
 * @example
 * z.object({ message: requiredStringParam }).parse({ message: 'Hi' })
 */
export const requiredStringParam = z.preprocess(
  scalarToString,
  z
    .string({
      error: (issue) => (issue.input === undefined ? 'Parameter is required' : 'Must be a string'),
    })
    .refine((text) => text.trim() !== '', 'Parameter is required')
    .refine(isWellFormedText, NOT_TEXT)
)

function scalarToString(value: unknown): unknown {
  const present = absentToUndefined(value)
  if (typeof present === 'number' || typeof present === 'boolean') return String(present)
  return present
}

/**
 * An optional hash whose values are scalars, returned as strings (`details`, `hidden_details`).
 * An empty hash is absent.
 *
 * @example
 * stringHashParam.parse({ Amount: 10, To: 'bob' }) // { Amount: '10', To: 'bob' }
 */
export const stringHashParam = z.preprocess(
  (value) => {
    const present = absentToUndefined(value)
    if (typeof present !== 'object' || present === null || Array.isArray(present)) return present
    const entries = Object.entries(present).filter(([, v]) => v !== null && v !== undefined)
    if (entries.length === 0) return undefined
    return Object.fromEntries(
      entries.map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v])
    )
  },
  z
    .record(z.string(), z.string({ error: 'Must be a hash of strings' }), {
      error: 'Must be a hash of strings',
    })
    .superRefine((hash, ctx) => {
      for (const [key, value] of Object.entries(hash)) {
        if (!isWellFormedText(key)) ctx.addIssue({ code: 'custom', message: `${NOT_TEXT} (a key)` })
        else if (!isWellFormedText(value))
          ctx.addIssue({ code: 'custom', message: NOT_TEXT, path: [key] })
      }
    })
    .optional()
)

/**
 * An optional list that may also arrive as a hash with index keys (`logos[0][res]`, as `qs`
 * writes it). An empty list is absent.
 *
 * @example
 * listParam(z.string()).parse({ 1: 'b', 0: 'a' }) // ['a', 'b']
 */
export function listParam<T extends z.ZodType>(element: T) {
  return z.preprocess(
    (value) => {
      const present = absentToUndefined(value)
      let list = present
      if (typeof present === 'object' && present !== null && !Array.isArray(present)) {
        const keys = Object.keys(present)
        if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
          list = keys
            .sort((a, b) => Number(a) - Number(b))
            .map((key) => (present as Record<string, unknown>)[key])
        }
      }
      return Array.isArray(list) && list.length === 0 ? undefined : list
    },
    z.array(element, { error: 'Must be a list' }).optional()
  )
}
