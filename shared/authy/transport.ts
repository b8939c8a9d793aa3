import { setTimeout as sleep } from 'node:timers/promises'
import { errors as undiciErrors, request, type Dispatcher } from 'undici'
import type { z } from 'zod'
import { AuthyError } from './authy-error.js'
import { backoffMs } from '../runtime/backoff.js'

export interface TransportOptions {
  baseUrl: string
  apiKey: string
  /** Deadline for one attempt, connection to last byte. */
  timeoutMs: number
  /** Extra attempts for idempotent GETs; POSTs are never sent twice. */
  retries: number
  retryBaseDelayMs: number
  /** Cap on the wait between attempts, and on how long a `Retry-After` may ask us to wait. */
  retryMaxDelayMs: number
  userAgent: string
  dispatcher?: Dispatcher
}

export interface CallOptions {
  /** Stops waiting (and retrying) when aborted, e.g. at shutdown. */
  signal?: AbortSignal
}

type Params = Record<string, unknown>

export type Send = <S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  params?: { query?: Params; body?: Params },
  options?: CallOptions
) => Promise<z.infer<S>>

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504])
/** Authy's answers are a few hundred bytes: anything past this is not an answer. */
const MAX_ANSWER_BYTES = 1024 * 1024

/**
 * Builds the one function every endpoint goes through: it sends, times out, retries idempotent
 * GETs with capped, jittered backoff that honours `Retry-After`, and turns every failure into an
 * {@link AuthyError}.
 *
 * @example
 * const send = createTransport({ baseUrl, apiKey, timeoutMs: 5000, retries: 2,
 *   retryBaseDelayMs: 250, retryMaxDelayMs: 4000, userAgent: 'x' })
 * const reply = await send('GET', '/protected/json/app/details', applicationDetailsResponse)
 */
export function createTransport(options: TransportOptions): Send {
  const base = options.baseUrl.replace(/\/+$/, '')

  return async function send(method, path, schema, params = {}, callOptions = {}) {
    const query = encodeQuery(params.query)
    const url = `${base}${path}${query ? `?${query}` : ''}`
    const label = `${method} ${path}`
    const attempts = method === 'GET' ? options.retries + 1 : 1

    for (let attempt = 1; ; attempt++) {
      let failure: AuthyError
      try {
        return await sendOnce(options, method, url, label, schema, params.body, callOptions.signal)
      } catch (error) {
        if (!(error instanceof AuthyError)) throw error
        failure = error
      }
      if (attempt >= attempts || !isRetryable(failure) || callOptions.signal?.aborted) throw failure
      const delay = retryDelay(options, attempt, failure.retryAfterSeconds)
      if (delay === undefined) throw failure
      try {
        await sleep(delay, undefined, { signal: callOptions.signal })
      } catch {
        throw failure
      }
    }
  }
}

async function sendOnce<S extends z.ZodType>(
  options: TransportOptions,
  method: 'GET' | 'POST',
  url: string,
  label: string,
  schema: S,
  body: Params | undefined,
  signal: AbortSignal | undefined
): Promise<z.infer<S>> {
  const deadline = AbortSignal.timeout(options.timeoutMs)
  const headers: Record<string, string> = {
    'x-authy-api-key': options.apiKey,
    accept: 'application/json',
    'user-agent': options.userAgent,
  }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let payload: string | undefined
  try {
    payload = body === undefined ? undefined : JSON.stringify(body)
  } catch (error) {
    throw new AuthyError({
      kind: 'input',
      request: label,
      message: `The parameters of ${label} cannot be sent as JSON: ${(error as Error).message}`,
      cause: error,
    })
  }

  let statusCode: number
  let responseHeaders: Record<string, string | string[] | undefined>
  let text: string
  try {
    const response = await request(url, {
      method,
      headers,
      body: payload,
      dispatcher: options.dispatcher,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
    })
    statusCode = response.statusCode
    responseHeaders = response.headers
    text = await readAnswer(response.body, label, statusCode)
  } catch (error) {
    if (error instanceof AuthyError) throw error
    throw transportFailure(error, label, options.timeoutMs, deadline, signal)
  }

  const json = parseJson(text)
  if (statusCode !== 200 || !isSuccess(json)) {
    throw errorFromAnswer(label, statusCode, json, text, retryAfter(responseHeaders['retry-after']))
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const problem = parsed.error.issues[0]
    const where = problem?.path.join('.') || 'the answer'
    throw new AuthyError({
      kind: 'malformed',
      status: statusCode,
      request: label,
      message: `Authy's answer to ${label} was not in the expected shape: ${where}: ${problem?.message}`,
      cause: parsed.error,
    })
  }
  return parsed.data
}

async function readAnswer(
  body: Dispatcher.ResponseData['body'],
  label: string,
  status: number
): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += (chunk as Buffer).length
    if (size > MAX_ANSWER_BYTES) {
      body.destroy()
      throw new AuthyError({
        kind: 'malformed',
        status,
        request: label,
        message: `Authy's answer to ${label} is larger than ${MAX_ANSWER_BYTES / 1024} KB: not an answer`,
      })
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function isSuccess(json: unknown): boolean {
  const success = (json as { success?: unknown } | undefined)?.success
  return success === true || success === 'true'
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function errorFromAnswer(
  label: string,
  status: number,
  json: unknown,
  text: string,
  retryAfterSeconds: number | undefined
): AuthyError {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const kind = status === 200 ? 'malformed' : 'http'
    const what = text.trim() === '' ? 'an empty body' : 'a body that is not JSON'
    return new AuthyError({
      kind,
      status,
      request: label,
      retryAfterSeconds,
      message: `Authy answered ${label} with HTTP ${status} and ${what}`,
    })
  }
  const envelope = json as Record<string, unknown>
  const errors = isRecord(envelope.errors) ? envelope.errors : {}
  const fieldErrors: Record<string, string> = {}
  for (const [field, problem] of Object.entries(errors)) {
    if (field !== 'message' && typeof problem === 'string') fieldErrors[field] = problem
  }
  const message =
    typeof envelope.message === 'string' && envelope.message !== ''
      ? envelope.message
      : `Authy answered ${label} with HTTP ${status}`
  return new AuthyError({
    kind: status === 200 ? 'malformed' : 'api',
    status,
    errorCode: typeof envelope.error_code === 'string' ? envelope.error_code : undefined,
    fieldErrors,
    request: label,
    retryAfterSeconds,
    message,
  })
}

function transportFailure(
  error: unknown,
  label: string,
  timeoutMs: number,
  deadline: AbortSignal,
  signal: AbortSignal | undefined
): AuthyError {
  const code = (error as { code?: string } | undefined)?.code
  const timedOut =
    deadline.aborted ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  if (timedOut && !signal?.aborted) {
    return new AuthyError({
      kind: 'timeout',
      request: label,
      message: `Authy did not answer ${label} within ${timeoutMs} ms`,
      cause: error,
    })
  }
  const reason = signal?.aborted ? 'the call was cancelled' : (code ?? (error as Error).message)
  return new AuthyError({
    kind: 'network',
    request: label,
    message: `Could not reach Authy for ${label}: ${reason}`,
    cause: error,
  })
}

function isRetryable(error: AuthyError): boolean {
  if (error.kind === 'timeout' || error.kind === 'network') return true
  return error.status !== undefined && RETRYABLE_STATUSES.has(error.status)
}

// Jittered backoff, or what Retry-After asks for when that is within the cap. A longer
// Retry-After gives up: the caller decides when to return.
function retryDelay(
  options: TransportOptions,
  attempt: number,
  retryAfterSeconds: number | undefined
): number | undefined {
  if (retryAfterSeconds !== undefined) {
    const asked = retryAfterSeconds * 1000
    return asked <= options.retryMaxDelayMs ? asked : undefined
  }
  return backoffMs({
    attempt,
    baseMs: options.retryBaseDelayMs,
    capMs: options.retryMaxDelayMs,
  })
}

function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// GET parameters as Rails expects them: nested hashes become `data[reason]=…`.
function encodeQuery(params: Params | undefined): string {
  const pairs = new URLSearchParams()
  const add = (prefix: string, value: unknown) => {
    if (value === undefined || value === null) return
    if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) add(`${prefix}[${key}]`, child)
    } else {
      pairs.append(prefix, String(value))
    }
  }
  for (const [key, value] of Object.entries(params ?? {})) add(key, value)
  return pairs.toString()
}
