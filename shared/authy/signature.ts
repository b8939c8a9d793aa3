import { createHmac, timingSafeEqual } from 'node:crypto'
import { parseRailsParams, toQuery } from './rails-params.js'

/** What Authy signs a OneTouch callback with (spec §3.3). */
export interface CallbackSignatureInput {
  /** The Authy application's API key. */
  apiKey: string
  /** The `X-Authy-Signature-Nonce` header, as received (epoch seconds). */
  nonce: string | number
  /** `POST` or `GET`. */
  method: string
  /** The callback URL as configured; a query string or fragment is ignored. */
  url: string
  /** The parsed JSON body for POST, the parsed query (Rails nesting) for GET. A raw string is parsed. */
  params: unknown
}

/**
 * Computes the base64 HMAC-SHA256 signature Authy puts in `X-Authy-Signature`.
 *
 * @example
 * const signature = computeCallbackSignature({
 *   apiKey: 'my-key', nonce: '1512923419', method: 'POST',
 *   url: 'https://bank.example/authy/callback', params: JSON.parse(rawBody),
 * })
 */
export function computeCallbackSignature(input: CallbackSignatureInput): string {
  const method = String(input.method).toUpperCase()
  const data = [
    String(input.nonce),
    method,
    urlWithoutQuery(input.url),
    toQuery(normalizeParams(input.params, method)),
  ].join('|')
  return createHmac('sha256', input.apiKey).update(data, 'utf8').digest('base64')
}

/**
 * Checks an `X-Authy-Signature` in constant time. Returns `false`, never throws, for a missing,
 * short or garbage signature.
 *
 * @example
 * const ok = verifyCallbackSignature({
 *   apiKey, nonce: c.req.header('x-authy-signature-nonce'), method: 'POST',
 *   url: 'https://bank.example/authy/callback', params: body,
 *   signature: c.req.header('x-authy-signature'),
 * })
 */
export function verifyCallbackSignature(
  input: Omit<CallbackSignatureInput, 'nonce'> & { nonce: unknown; signature: unknown }
): boolean {
  if (typeof input !== 'object' || input === null) return false
  const { signature, nonce } = input
  if (typeof signature !== 'string' || signature === '') return false
  if ((typeof nonce !== 'string' && typeof nonce !== 'number') || String(nonce) === '') return false
  if (typeof input.apiKey !== 'string' || input.apiKey === '') return false
  if (typeof input.url !== 'string' || typeof input.method !== 'string') return false
  let expected: string
  try {
    expected = computeCallbackSignature({ ...input, nonce })
  } catch {
    return false
  }
  return constantTimeEqual(expected, signature)
}

/**
 * Compares two strings without leaking where they differ; unequal lengths still do the work.
 *
 * @example
 * constantTimeEqual(expectedSignature, receivedSignature) // true only when identical
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(actual, 'utf8')
  if (a.length !== b.length) {
    timingSafeEqual(a, a)
    return false
  }
  return timingSafeEqual(a, b)
}

function urlWithoutQuery(url: string): string {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}

function normalizeParams(params: unknown, method: string): unknown {
  if (params instanceof URLSearchParams) return parseRailsParams(params)
  if (typeof params === 'string') {
    if (method === 'GET') return parseRailsParams(params)
    return params.trim() === '' ? {} : JSON.parse(params)
  }
  return params ?? {}
}
