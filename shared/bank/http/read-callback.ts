import { parseRailsParams } from '../../authy/index.js'
import type { OneTouchCallback } from '../../steps/contracts.js'

/**
 * Reads a OneTouch callback from an HTTP request exactly as it arrived: the raw JSON body of a
 * POST (parsed once, never re-serialised), or the query string of a GET with Rails nesting.
 * Header names are case-insensitive. Resolves to `undefined` when a POST body is not JSON.
 *
 * @example
 * const callback = await readCallback(c.req.raw)
 * if (!callback) return c.text('The callback body must be JSON.', 400)
 */
export async function readCallback(request: Request): Promise<OneTouchCallback | undefined> {
  const method = request.method.toUpperCase() === 'GET' ? 'GET' : 'POST'
  let params: unknown
  if (method === 'GET') {
    params = parseRailsParams(new URL(request.url).search)
  } else {
    try {
      params = JSON.parse(await request.text())
    } catch {
      return undefined
    }
  }
  const fields =
    typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {}
  return {
    method,
    params,
    nonce: request.headers.get('x-authy-signature-nonce') ?? undefined,
    signature: request.headers.get('x-authy-signature') ?? undefined,
    uuid: typeof fields.uuid === 'string' ? fields.uuid : '',
    status: typeof fields.status === 'string' ? fields.status : '',
  }
}
