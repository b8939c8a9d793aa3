import type { Fault } from '../domain/control-schemas.js'
import { AuthyErrorAnswer, invalidApiKey, urlNotFound } from '../domain/error-answers.js'
import { JSON_CONTENT_TYPE } from './json-response.js'

const HTML = 'text/html; charset=utf-8'

// What a fault with a status but no body answers: the Authy error a real outage would give.
const OUTAGE_ANSWERS: Record<number, () => AuthyErrorAnswer> = {
  401: invalidApiKey,
  404: urlNotFound,
  429: () => new AuthyErrorAnswer(429, '60003', 'DoS protection'),
  503: () => new AuthyErrorAnswer(503, '60000', 'Service unavailable'),
}

/**
 * What a fault answers, or undefined when it only delays the normal answer.
 *
 * @example
 * faultResponse({ ...fault, status: 429, retry_after: 2 }) // 429 envelope with Retry-After: 2
 */
export function faultResponse(fault: Fault): Response | undefined {
  const headers: Record<string, string> = {}
  if (fault.retry_after !== undefined) headers['retry-after'] = String(fault.retry_after)
  const status = fault.status ?? 200
  if (fault.malformed === 'html') {
    return respond('<html><body><h1>502 Bad Gateway</h1><p>nginx</p>', status, HTML, headers)
  }
  if (fault.malformed !== undefined) {
    return respond('{"approval_request":{"status":"pend', status, JSON_CONTENT_TYPE, headers)
  }
  if (typeof fault.body === 'string') {
    return respond(fault.body, status, contentTypeOf(fault.body), headers)
  }
  if (fault.body !== undefined)
    return respond(JSON.stringify(fault.body), status, JSON_CONTENT_TYPE, headers)
  if (fault.status !== undefined) {
    const answer =
      OUTAGE_ANSWERS[fault.status]?.() ??
      new AuthyErrorAnswer(fault.status as 400, '60000', 'An error occurred')
    return respond(JSON.stringify(answer.envelope()), status, JSON_CONTENT_TYPE, headers)
  }
  return undefined
}

function respond(text: string, status: number, type: string, headers: Record<string, string>) {
  // 204, 205 and 304 cannot carry a body.
  const body = status === 204 || status === 205 || status === 304 ? null : text
  return new Response(body, { status, headers: { ...headers, 'content-type': type } })
}

function contentTypeOf(body: string): string {
  try {
    JSON.parse(body)
    return JSON_CONTENT_TYPE
  } catch {
    return body.trimStart().startsWith('<') ? HTML : 'text/plain; charset=utf-8'
  }
}
