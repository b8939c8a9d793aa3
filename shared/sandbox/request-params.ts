import { parseRailsParams } from '../authy/rails-params.js'
import { invalidRequest } from './authy-errors.js'

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
 * Throws a 400 AuthyError for a body that cannot be parsed.
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
  const fromQuery = parseForm(query, 'query string')
  const fromBody = parseBody(body, contentType.toLowerCase())
  const { api_key: queryKey, ...queryParams } = fromQuery
  const { api_key: bodyKey, ...bodyParams } = fromBody
  return {
    params: { ...bodyParams, ...queryParams },
    queryApiKey: asKey(queryKey),
    bodyApiKey: asKey(bodyKey),
  }
}

function parseBody(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('multipart/')) {
    throw invalidRequest('multipart bodies are not supported; send JSON or a form')
  }
  if (body.trim() === '') return {}
  if (contentType.includes('json')) return parseJson(body)
  if (contentType.includes('x-www-form-urlencoded')) return parseForm(body, 'form body')
  return body.trim().startsWith('{') ? parseJson(body) : parseForm(body, 'body')
}

function parseJson(body: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    throw invalidRequest('the JSON body could not be parsed')
  }
  if (value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest('the JSON body must be an object')
  }
  return value as Record<string, unknown>
}

function parseForm(text: string, what: string): Record<string, unknown> {
  try {
    return parseRailsParams(text)
  } catch {
    throw invalidRequest(`the ${what} could not be parsed`)
  }
}

function asKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}
