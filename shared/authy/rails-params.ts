/**
 * Rails/Rack-style nested parameters, the way api.authy.com reads and writes them.
 *
 * `parseRailsParams` turns `details[To]=bob&logos[][res]=low` into nested objects and arrays
 * (Rack's rules, including "a repeated key inside `[]` starts a new element").
 * `toQuery` is ActiveSupport's `Hash#to_query`: the canonical form Authy signs callbacks with.
 */

export type RailsValue = string | RailsValue[] | { [key: string]: RailsValue }
export type RailsParams = { [key: string]: RailsValue }

const MAX_DEPTH = 32

/**
 * Parses a form body or query string with Rails bracket nesting.
 *
 * @example
 * parseRailsParams('details[Account+Number]=12345&logos[][res]=low&logos[][url]=https%3A%2F%2Fx')
 * // { details: { 'Account Number': '12345' }, logos: [{ res: 'low', url: 'https://x' }] }
 */
export function parseRailsParams(input: string | URLSearchParams): RailsParams {
  const pairs = typeof input === 'string' ? new URLSearchParams(stripQuestionMark(input)) : input
  const params: RailsParams = {}
  for (const [name, value] of pairs) {
    if (name === '') continue
    assignRailsParam(params, name, value)
  }
  return params
}

/**
 * Adds one decoded `name=value` pair to `params`, following Rack's `normalize_params`.
 *
 * @example
 * assignRailsParam(params, 'details[To]', 'bob@example.com') // params.details.To === 'bob@example.com'
 */
export function assignRailsParam(params: RailsParams, name: string, value: RailsValue): void {
  normalize(params, name, value, 0)
}

function stripQuestionMark(query: string): string {
  return query.startsWith('?') ? query.slice(1) : query
}

// A direct port of the rules of Rack::QueryParser#normalize_params.
function normalize(params: RailsParams, name: string, value: RailsValue, depth: number): void {
  if (depth > MAX_DEPTH) throw new RangeError('Parameters are nested too deeply')
  const match = /^[[\]]*([^[\]]+)\]*/.exec(name)
  const key = match?.[1] ?? ''
  const after = match ? name.slice(match[0].length) : ''
  // `__proto__` would reach Object.prototype through the setter: drop it (prototype pollution).
  if (key === '' || key === '__proto__') return

  if (after === '') {
    params[key] = value
  } else if (after === '[') {
    params[key] = value
  } else if (after === '[]') {
    const list = asArray(params, key)
    list.push(value)
  } else if (after.startsWith('[]')) {
    // `logos[][res]`: add to the last hash unless it already has that key, else start a new one.
    const childName = after.slice(2)
    const list = asArray(params, key)
    const last = list[list.length - 1]
    if (isHash(last) && !hasNestedKey(last, childName)) {
      normalize(last, childName, value, depth + 1)
    } else {
      const element: RailsParams = {}
      normalize(element, childName, value, depth + 1)
      list.push(element)
    }
  } else {
    const existing = params[key]
    const child: RailsParams = isHash(existing) ? existing : {}
    params[key] = child
    normalize(child, after, value, depth + 1)
  }
}

function asArray(params: RailsParams, key: string): RailsValue[] {
  const existing = params[key]
  if (Array.isArray(existing)) return existing
  const list: RailsValue[] = []
  params[key] = list
  return list
}

function isHash(value: unknown): value is RailsParams {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Rack's `params_hash_has_key?`: a name with `[]` in it never matches, so it starts a new element.
function hasNestedKey(hash: RailsParams, name: string): boolean {
  if (name.includes('[]')) return false
  let current: RailsValue = hash
  for (const part of name.split(/[[\]]+/)) {
    if (part === '') continue
    if (!isHash(current) || !(part in current)) return false
    current = current[part]
  }
  return true
}

/**
 * Escapes like Ruby's `CGI.escape`: keeps `A-Z a-z 0-9 - . _ ~`, turns space into `+`,
 * everything else into upper-case `%XX` of its UTF-8 bytes.
 *
 * @example
 * cgiEscape('US Dollar Amount') // 'US+Dollar+Amount'
 */
export function cgiEscape(text: string): string {
  return encodeURIComponent(wellFormed(text))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

/**
 * ActiveSupport's `to_query`: nested keys in brackets, hash entries sorted byte-wise on their escaped
 * text, arrays kept in order as `key[]`, empty hashes and arrays left out, `null` as an empty value.
 *
 * @example
 * toQuery({ status: 'approved', details: { To: 'bob@x.com' }, logos: null })
 * // 'details%5BTo%5D=bob%40x.com&logos=&status=approved'
 */
export function toQuery(params: unknown): string {
  return hashToQuery(params as Record<string, unknown>, null)
}

function hashToQuery(hash: Record<string, unknown>, namespace: string | null): string {
  const pieces: string[] = []
  for (const [name, value] of Object.entries(hash)) {
    if ((Array.isArray(value) || isPlainObject(value)) && isEmpty(value)) continue
    const key = namespace === null ? name : `${namespace}[${name}]`
    const piece = valueToQuery(value, key)
    if (piece !== '') pieces.push(piece)
  }
  return pieces.sort(compareBytes).join('&')
}

function valueToQuery(value: unknown, key: string): string {
  if (Array.isArray(value)) {
    const prefix = `${key}[]`
    if (value.length === 0) return `${cgiEscape(prefix)}=`
    return value
      .map((element) => valueToQuery(element, prefix))
      .filter((piece) => piece !== '')
      .join('&')
  }
  if (isPlainObject(value)) return hashToQuery(value, key)
  return `${cgiEscape(key)}=${cgiEscape(scalarToString(value))}`
}

function scalarToString(value: unknown): string {
  if (value === null || value === undefined) return ''
  return String(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isEmpty(value: unknown[] | Record<string, unknown>): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0
}

// Ruby sorts strings by their bytes; the escaped text is ASCII, so code units compare the same way.
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// A lone UTF-16 surrogate cannot be encoded (encodeURIComponent throws): replace it with U+FFFD,
// as Ruby would refuse or replace invalid bytes, so escaping never throws.
function wellFormed(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD'
  )
}
