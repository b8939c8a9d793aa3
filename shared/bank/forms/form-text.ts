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
