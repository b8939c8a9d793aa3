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
  headers: Record<string, string> = {}
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
  })
}
