import { parseRailsParams } from '../../authy/rails-params.js'
import { invalidParameter, invalidRequest } from '../domain/error-answers.js'

// A key JavaScript objects cannot hold as data: parsers drop it and zod records lose it, so what
// the phone shows would no longer be what was sent. It is refused instead.
const RESERVED_KEY = '__proto__'

/** The merged parameters of one Authy API request, and where an `api_key` was found. */
export interface RequestParams {
  /** Body, then query string (the query wins on a clash, as in Rails), with `api_key` removed. */
  params: Record<string, unknown>
  queryApiKey?: string
  bodyApiKey?: string
}

/**
 * Merges the query string and the body the way Rails did for api.authy.com
 * (`request_parameters.merge(query_parameters)`: shallow, and the query wins on a clash): bracket
 * nesting for forms (`details[To]`, `logos[][res]`), JSON objects as they are. The body is read by content
 * type; without one, a body that looks like JSON is JSON and anything else is a form.
 * Throws a 400 AuthyErrorAnswer for a body that cannot be parsed, and 400 / 60004 for a parameter
 * named `__proto__` at any depth.
 *
 * @example
 * parseRequestParams('?api_key=k&message=Hi', '{"details":{"To":"bob"}}', 'application/json')
 * // { params: { message: 'Hi', details: { To: 'bob' } }, queryApiKey: 'k' }
 */
export function parseRequestParams(
  query: string,
  body: string,
  contentType: string
): RequestParams {
  // Most reads (a status poll) carry nothing but the key header.
  if (query === '' && body === '' && !contentType.includes('multipart/')) return { params: {} }
  const fromQuery = parseForm(query, 'query string')
  const fromBody = parseBody(body, contentType.toLowerCase())
  refuseReservedKeys(fromBody)
  const { api_key: queryKey, ...queryParams } = fromQuery
  const { api_key: bodyKey, ...bodyParams } = fromBody
  return {
    params: { ...bodyParams, ...queryParams },
    queryApiKey: asKey(queryKey),
    bodyApiKey: asKey(bodyKey),
  }
}

/**
 * A JSON body that must hold an object; a blank body is `{}`. Throws 400 / 60002 when it is not
 * JSON or not an object. `null` is refused too, unless `nullIsEmpty` (the Authy API reads it as
 * no parameters, as Rails did).
 *
 * @example
 * parseJsonObject('{"registered":false}') // { registered: false }
 */
export function parseJsonObject(
  text: string,
  options: { nullIsEmpty?: boolean } = {}
): Record<string, unknown> {
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw invalidRequest('the JSON body could not be parsed')
  }
  if (value === null && options.nullIsEmpty) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('the JSON body must be an object')
  }
  return value as Record<string, unknown>
}

function parseBody(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('multipart/')) {
    throw invalidRequest('multipart bodies are not supported; send JSON or a form')
  }
  if (body.trim() === '') return {}
  if (contentType.includes('json')) return parseJsonObject(body, { nullIsEmpty: true })
  if (contentType.includes('x-www-form-urlencoded')) return parseForm(body, 'form body')
  return body.trim().startsWith('{')
    ? parseJsonObject(body, { nullIsEmpty: true })
    : parseForm(body, 'body')
}

function parseForm(text: string, what: string): Record<string, unknown> {
  if (text === '' || text === '?') return {}
  const pairs = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text)
  for (const name of pairs.keys()) {
    const path = name.split(/[[\]]+/).filter((segment) => segment !== '')
    if (path.includes(RESERVED_KEY))
      throw reservedKey(path.slice(0, path.indexOf(RESERVED_KEY) + 1))
  }
  try {
    return parseRailsParams(pairs)
  } catch {
    throw invalidRequest(`the ${what} could not be parsed`)
  }
}

// JSON.parse keeps `"__proto__"` as an own key; walk the value without recursion (it may be deep).
function refuseReservedKeys(params: Record<string, unknown>): void {
  const pending: [unknown, string[]][] = [[params, []]]
  while (pending.length > 0) {
    const [value, path] = pending.pop()!
    if (typeof value !== 'object' || value === null) continue
    for (const [key, child] of Object.entries(value)) {
      if (key === RESERVED_KEY) throw reservedKey([...path, key])
      pending.push([child, [...path, key]])
    }
  }
}

function reservedKey(path: string[]) {
  return invalidParameter(path.join('.'), 'Is a reserved name')
}

function asKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}
