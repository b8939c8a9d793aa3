import { z } from 'zod'

/**
 * zod types that accept a parameter the way any official client may send it: form and query values
 * are strings, JSON clients send numbers, booleans and `null`. `null` and `''` count as absent.
 * Every text is bounded, so no request can make the sandbox's memory and file grow without end.
 */

/** The longest text a parameter may hold, unless its own limit is lower. */
export const MAX_TEXT_LENGTH = 1024
/** The most entries in a hash parameter (`details`, `hidden_details`). */
export const MAX_HASH_ENTRIES = 50
/** The longest key in a hash parameter. */
export const MAX_HASH_KEY_LENGTH = 256
/** The most characters in a hash parameter, keys and values together. */
export const MAX_HASH_TEXT = 8192
/** The most elements in a list parameter (`logos`). */
export const MAX_LIST_LENGTH = 10

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
  toBoolean,
  z.boolean({ error: 'Must be true or false' }).optional()
)

/**
 * A boolean that must be present ("Parameter is required" otherwise), read as {@link booleanParam}
 * reads it. Not `booleanParam.refine(...)`: zod runs no refinement on an absent optional key.
 *
 * @example
 * z.object({ registered: requiredBooleanParam }).parse({ registered: 'no' })
 * // { registered: false }
 */
export const requiredBooleanParam = z.preprocess(
  toBoolean,
  z.boolean({
    error: (issue) =>
      issue.input === undefined ? 'Parameter is required' : 'Must be true or false',
  })
)

function toBoolean(value: unknown): unknown {
  const present = absentToUndefined(value)
  if (typeof present === 'number') return present === 1 ? true : present === 0 ? false : present
  if (typeof present !== 'string') return present
  const word = present.trim().toLowerCase()
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : present
}

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
 * An optional string of at most `max` characters (default {@link MAX_TEXT_LENGTH}); numbers and
 * booleans become their text.
 *
 * @example
 * z.object({ url: textParam(500) }).parse({ url: 'https://bank.example/logo.png' })
 */
export function textParam(max = MAX_TEXT_LENGTH) {
  return z.preprocess(scalarToString, text(max, 'Must be a string').optional())
}

/**
 * An optional string of at most {@link MAX_TEXT_LENGTH} characters; numbers and booleans become
 * their text.
 *
 * @example
 * z.object({ country_code: stringParam }).parse({ country_code: 1 }) // { country_code: '1' }
 */
export const stringParam = textParam()

/**
 * A string that must be present and not blank ("Parameter is required" otherwise), of at most
 * {@link MAX_TEXT_LENGTH} characters.
 *
 * @example
 * z.object({ message: requiredStringParam }).parse({ message: 'Hi' })
 */
export const requiredStringParam = z.preprocess(
  scalarToString,
  text(MAX_TEXT_LENGTH, (issue) =>
    issue.input === undefined ? 'Parameter is required' : 'Must be a string'
  ).refine((value) => value.trim() !== '', 'Parameter is required')
)

function text(max: number, error: string | ((issue: { input: unknown }) => string)) {
  return z
    .string({ error })
    .max(max, `Must be at most ${max} characters`)
    .refine(isWellFormedText, NOT_TEXT)
}

function scalarToString(value: unknown): unknown {
  const present = absentToUndefined(value)
  if (typeof present === 'number' || typeof present === 'boolean') return String(present)
  return present
}

/**
 * An optional hash whose values are scalars, returned as strings (`details`, `hidden_details`):
 * at most {@link MAX_HASH_ENTRIES} entries, keys of at most {@link MAX_HASH_KEY_LENGTH}
 * characters, values of at most {@link MAX_TEXT_LENGTH}, and {@link MAX_HASH_TEXT} characters in
 * all. An empty hash is absent.
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
      const entries = Object.entries(hash)
      const problem = (message: string, path: string[] = []) =>
        ctx.addIssue({ code: 'custom', message, path })
      if (entries.length > MAX_HASH_ENTRIES)
        return problem(`Must have at most ${MAX_HASH_ENTRIES} entries`)
      let size = 0
      for (const [key, value] of entries) {
        if (!isWellFormedText(key)) return problem(`${NOT_TEXT} (a key)`)
        if (key.length > MAX_HASH_KEY_LENGTH)
          return problem(`Keys must be at most ${MAX_HASH_KEY_LENGTH} characters`)
        if (!isWellFormedText(value)) return problem(NOT_TEXT, [key])
        if (value.length > MAX_TEXT_LENGTH)
          return problem(`Must be at most ${MAX_TEXT_LENGTH} characters`, [key])
        size += key.length + value.length
      }
      if (size > MAX_HASH_TEXT)
        problem(`Must be at most ${MAX_HASH_TEXT} characters in all, keys and values`)
    })
    .optional()
)

/**
 * An optional list of at most `max` elements (default {@link MAX_LIST_LENGTH}) that may also
 * arrive as a hash with index keys (`logos[0][res]`, as `qs` writes it). An empty list is absent.
 *
 * @example
 * listParam(z.string()).parse({ 1: 'b', 0: 'a' }) // ['a', 'b']
 */
export function listParam<T extends z.ZodType>(element: T, max = MAX_LIST_LENGTH) {
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
    z
      .array(element, { error: 'Must be a list' })
      .max(max, `Must have at most ${max} elements`)
      .optional()
  )
}
