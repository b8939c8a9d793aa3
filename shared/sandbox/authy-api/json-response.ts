/** Authy's content type: compact JSON, UTF-8. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

/**
 * A compact JSON response (`JSON.stringify` without spaces: python clients look for the raw bytes
 * `"token":"is valid"`).
 *
 * @example
 * return jsonResponse({ message: 'User status.', success: true })
 */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = NO_HEADERS
): Response {
  return jsonTextResponse(JSON.stringify(body), status, headers)
}

/**
 * A response of JSON already serialized (compact, as {@link jsonResponse} makes it).
 *
 * @example
 * return jsonTextResponse('{"success":true}')
 */
export function jsonTextResponse(
  text: string,
  status = 200,
  headers: Record<string, string> = NO_HEADERS
): Response {
  const all = headers === NO_HEADERS ? JSON_HEADERS : { ...JSON_HEADERS, ...headers }
  return new Response(text, { status, headers: all })
}

const NO_HEADERS: Record<string, string> = Object.freeze({})
// Shared by every answer without headers of its own: a Response copies them, never changes them.
const JSON_HEADERS: Record<string, string> = Object.freeze({ 'content-type': JSON_CONTENT_TYPE })
