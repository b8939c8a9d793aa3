import type { HonoRequest } from 'hono'
import { parseRailsParams } from '../authy/index.js'
import type { OneTouchCallback } from './steps.js'

/** The request is not a callback at all: a POST whose body is not a JSON object. */
export class NotACallbackError extends Error {
  constructor() {
    super('The callback body is not a JSON object.')
    this.name = 'NotACallbackError'
  }
}

/**
 * Reads a OneTouch callback from the request exactly as it arrived: the raw JSON body (read once)
 * for POST, the raw query string with Rails nesting for GET; signature headers in any case.
 *
 * @example
 * const callback = await readOneTouchCallback(c.req)
 * await steps.receiveCallback({ callback, apiKey, callbackUrl, replays, transfers })
 */
export async function readOneTouchCallback(request: HonoRequest): Promise<OneTouchCallback> {
  const method = request.method === 'GET' ? 'GET' : 'POST'
  let params: unknown
  if (method === 'POST') {
    const raw = await request.text()
    try {
      params = JSON.parse(raw)
    } catch {
      throw new NotACallbackError()
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new NotACallbackError()
    }
  } else {
    const url = request.url
    const start = url.indexOf('?')
    params = parseRailsParams(start === -1 ? '' : url.slice(start + 1).replace(/#.*$/, ''))
  }
  const fields = params as Record<string, unknown>
  return {
    method,
    params,
    nonce: request.header('x-authy-signature-nonce'),
    signature: request.header('x-authy-signature'),
    uuid: typeof fields.uuid === 'string' ? fields.uuid : '',
    status: typeof fields.status === 'string' ? fields.status : '',
  }
}
