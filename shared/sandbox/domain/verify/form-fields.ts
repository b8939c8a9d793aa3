import type { TwilioErrorAnswer } from '../twilio/errors.js'
import { VERIFY_ERRORS } from './errors.js'

/** How a resource refuses a field it cannot use: Services and Verifications (60200), or Push/TOTP (60306). */
export type Refusal = (name: string, why: string) => TwilioErrorAnswer

/** Services and Verifications: 400 / 60200 "Invalid parameter: <Name> (<why>)". */
export const invalidParameter: Refusal = (name, why) => VERIFY_ERRORS.invalidParameter(name, why)
/** Entities, Factors, Challenges and Webhooks: 400 / 60306 "Invalid Request: <Name> <why>". */
export const invalidRequest: Refusal = (name, why) => VERIFY_ERRORS.invalidRequest(name, why)

/**
 * The form fields of one request, read as Twilio reads them: names are case-sensitive and dotted
 * (`Details.Message`), a repeated name is a list (`EventTypes`, `Details.Fields`), an empty value
 * counts as absent, and every refusal names the field.
 */
export interface FormFields {
  /** The value, or undefined when absent or empty. */
  text(name: string, maxLength?: number): string | undefined
  /** Every value of a repeated field, empty ones left out. */
  all(name: string): string[]
  /** The value; absent → 400 / 20001 naming it. */
  required(name: string, maxLength?: number): string
  /** A whole number in [min, max], or undefined. */
  integer(name: string, min: number, max: number): number | undefined
  /** `true` or `false` (any case), or undefined. */
  boolean(name: string): boolean | undefined
  /** One of `values`, or undefined. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined
  /** A JSON object whose values are all strings, at most `maxLength` characters as sent. */
  stringObject(name: string, maxLength: number): Record<string, string> | undefined
  /** Whether the field was sent at all. */
  has(name: string): boolean
}

/**
 * Reads a form body. `refuse` words the refusals of the resource at hand.
 *
 * @example
 * const form = formFields(new URLSearchParams('CodeLength=12'), invalidParameter)
 * form.integer('CodeLength', 4, 10) // throws 400 / 60200 "Invalid parameter: CodeLength (…)"
 */
export function formFields(form: URLSearchParams, refuse: Refusal): FormFields {
  const text = (name: string, maxLength = 10_000) => {
    const value = form.get(name) || undefined
    if (value !== undefined && [...value].length > maxLength)
      throw refuse(name, `must be at most ${maxLength} characters`)
    return value
  }
  return {
    text,
    all: (name) => form.getAll(name).filter(Boolean),
    required(name, maxLength) {
      const value = text(name, maxLength)
      if (value === undefined) throw VERIFY_ERRORS.missingParameter(name)
      return value
    },
    integer(name, min, max) {
      const value = text(name)
      if (value === undefined) return undefined
      const number = /^-?\d{1,9}$/.test(value) ? Number(value) : NaN
      if (!(number >= min && number <= max))
        throw refuse(name, `must be a whole number from ${min} to ${max}`)
      return number
    },
    boolean(name) {
      const value = text(name)?.toLowerCase()
      if (value === undefined) return undefined
      if (value !== 'true' && value !== 'false') throw refuse(name, 'must be true or false')
      return value === 'true'
    },
    oneOf(name, values) {
      const value = text(name)
      if (value === undefined) return undefined
      if (!(values as readonly string[]).includes(value))
        throw refuse(name, `must be one of ${values.join(', ')}`)
      return value as (typeof values)[number]
    },
    stringObject(name, maxLength) {
      const value = text(name, maxLength)
      return value === undefined ? undefined : parseStringObject(value, name, refuse)
    },
    has: (name) => form.has(name),
  }
}

/**
 * A JSON object whose values are all strings (what `HiddenDetails`, `Metadata` and each
 * `Details.Fields` entry are: the official client sends each as one JSON string).
 *
 * @example
 * parseStringObject('{"transferId":"t1"}', 'HiddenDetails', invalidRequest) // { transferId: 't1' }
 */
export function parseStringObject(
  text: string,
  name: string,
  refuse: Refusal
): Record<string, string> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw refuse(name, 'must be a JSON object (a stringified JSON)')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw refuse(name, 'must be a JSON object (a stringified JSON)')
  const entries = Object.entries(value)
  if (!entries.every(([, v]) => typeof v === 'string'))
    throw refuse(name, 'must have only string values')
  // JavaScript objects cannot keep it as a key, and what is stored must be what was sent.
  if (entries.some(([key]) => key === '__proto__'))
    throw refuse(name, 'must not use the reserved key __proto__')
  return Object.fromEntries(entries) as Record<string, string>
}
