import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { bodyTooLarge } from '../domain/error-answers.js'
import { parseJsonObject } from './request-params.js'

/** The largest request body the sandbox reads. */
export const MAX_BODY_BYTES = 1_000_000

/**
 * The raw request body as text (at once, not a promise, when there is none), GET included:
 * official clients send a form body (`authy`) or a JSON body (`authy-client`) with GET, which the
 * Fetch `Request` drops, so for GET and HEAD it is read from Node's IncomingMessage that
 * @hono/node-server passes as `c.env.incoming`. Throws a 413 AuthyErrorAnswer past
 * {@link MAX_BODY_BYTES}.
 *
 * @example
 * const text = await readRawBody(c)
 */
export function readRawBody(c: Context): string | Promise<string> {
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD') {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    // No body, the usual GET: answered at once, without a turn of the event loop.
    if (!incoming || !hasBody(incoming) || incoming.readableEnded) return ''
    return readChunks(incoming)
  }
  const body = c.req.raw.body
  if (!body) return ''
  return readChunks(body)
}

/**
 * The request body as a JSON object, for the control API: a blank body is `{}`; anything but a
 * JSON object is 400 / 60002.
 *
 * @example
 * const input = parseParams(appInputSchema, await readJsonBody(c))
 */
export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  return parseJsonObject(await readRawBody(c))
}

function hasBody(incoming: IncomingMessage): boolean {
  const length = Number(incoming.headers['content-length'] ?? 0)
  return length > 0 || incoming.headers['transfer-encoding'] !== undefined
}

async function readChunks(source: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk)
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
