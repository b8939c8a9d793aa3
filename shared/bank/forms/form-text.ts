import { z } from 'zod'
import { MAX_LENGTH, MIN_PASSWORD } from './field-limits.js'

/** Form values as they came in, trimmed, and the message per field that is wrong. */
export interface FormResult<Fields extends string, Value> {
  values: Record<Fields, string>
  errors: Partial<Record<Fields | 'form', string>>
  /** Set when there are no errors. */
  data: Value | undefined
}

// C0 and C1 control characters, and the bidirectional overrides and isolates that can make
// `evil.com/moc.knab` display as something else.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/**
 * Does the text contain control characters or text-direction overrides?
 *
 * @example
 * hasInvisibleCharacters('bob@example.com\u202e') // true
 */
export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE.test(text)
}

/** What a field sent more than once says: a form made by hand or by a bot, never by the page. */
export const REPEATED_FIELD =
  'This field was sent more than once. Reload the page and send the form again.'

/**
 * Reads the fields of a posted form as trimmed text and checks them with a schema: one message
 * per wrong field (the first the schema gives), a field sent more than once refused outright.
 * `data` is set only when every field is right; `secret` fields come back empty in `values`.
 *
 * @example
 * const form = readFields(body, ['email', 'password'], signInSchema)
 * if (form.data) signIn(form.data)
 */
export function readFields<F extends string, S extends z.ZodType>(
  body: Record<string, unknown>,
  fields: readonly F[],
  schema: S,
  options: { secret?: readonly F[] } = {}
): FormResult<F, z.output<S>> {
  const typed = Object.fromEntries(fields.map((name) => [name, fieldText(body, name)])) as Record<
    F,
    string
  >
  const errors: FormResult<F, z.output<S>>['errors'] = {}
  for (const name of fields) if (Array.isArray(body[name])) errors[name] = REPEATED_FIELD
  const parsed = schema.safeParse(typed)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as F] ??= issue.message
  }
  const valid = parsed.success && Object.keys(errors).length === 0
  // A secret (a password) is never shown back in the form.
  const values = { ...typed }
  for (const name of options.secret ?? []) values[name] = ''
  return { values, errors, data: valid ? parsed.data : undefined }
}

/**
 * A form field as a trimmed string ('' when missing or not a string, e.g. a repeated field).
 *
 * @example
 * fieldText(await c.req.parseBody(), 'email')
 */
export function fieldText(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * An email field: required, at most `maxLength` characters, no invisible characters, and a
 * message that says what is wrong with an address that is not one.
 *
 * @example
 * emailSchema({ empty: 'Enter your email address.', example: 'ada@example.com', maxLength: 254 })
 */
export function emailSchema(texts: { empty: string; example: string; maxLength: number }) {
  return z
    .string()
    .min(1, texts.empty)
    .max(texts.maxLength, `That email address is too long: ${texts.maxLength} characters at most.`)
    .refine(
      (text) => !hasInvisibleCharacters(text),
      'Type the email address again by hand: it contains invisible or text-direction characters.'
    )
    .superRefine((text, context) => {
      const problem = emailProblem(text, texts.example)
      if (problem) context.addIssue({ code: 'custom', message: problem })
    })
}

/**
 * What is wrong with an email address, in words that say how to fix it; undefined when it is one.
 *
 * @example
 * emailProblem('🐱@example.com', 'ada@example.com')
 * // 'Before the @, use only letters a to z, digits and . _ % + - \' (not 🐱), e.g. ada@example.com.'
 */
export function emailProblem(text: string, example: string): string | undefined {
  if (z.email().safeParse(text).success) return undefined
  const at = text.lastIndexOf('@')
  if (at <= 0) return `Enter a whole email address with an @, e.g. ${example}.`
  const [local, domain] = [text.slice(0, at), text.slice(at + 1)]
  if (/\s/.test(text)) return `Leave out the spaces: an email address has none, e.g. ${example}.`
  const odd = [...local].filter((char) => !/[A-Za-z0-9._%+\-']/.test(char))
  if (odd.length > 0) {
    return (
      `Before the @, use only letters a to z, digits and . _ % + - ' ` +
      `(not ${[...new Set(odd)].join(' ')}), e.g. ${example}.`
    )
  }
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) {
    return `After the @, enter a domain such as example.com, e.g. ${example}.`
  }
  return `That is not an email address a bank can send to: check it, e.g. ${example}.`
}

/**
 * A password field: at least 8 characters, so it is worth a slow hash.
 *
 * @example
 * z.object({ password: passwordSchema })
 */
export const passwordSchema = z
  .string()
  .min(1, `Choose a password: at least ${MIN_PASSWORD} characters.`)
  .min(MIN_PASSWORD, `That password is too short: use at least ${MIN_PASSWORD} characters.`)
  .max(MAX_LENGTH.password, `That password is too long: ${MAX_LENGTH.password} characters at most.`)
