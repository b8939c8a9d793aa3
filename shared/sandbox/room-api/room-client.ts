import { request } from 'undici'
import { z } from 'zod'
import {
  joinAnswerSchema,
  phoneUrlAnswerSchema,
  roomAppSchema,
  roomErrorSchema,
  type JoinAnswer,
  type RoomApp,
} from '../domain/room/room-schemas.js'

/** How long one call may take before it fails (the room's sandbox is on the local network). */
export const ROOM_CALL_TIMEOUT_MS = 10_000

/**
 * Thrown for any call to the room API that did not succeed: `status` is the HTTP status (0 when
 * the sandbox could not be reached at all), `message` the sandbox's own sentence, `field` the
 * request field at fault (400 and 403), `retryAfterSeconds` when to try again (429).
 *
 * @example
 * await room.join(code, 'Ada').catch((e) => e instanceof RoomApiError && e.status === 403)
 */
export class RoomApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number
  ) {
    super(message)
    this.name = 'RoomApiError'
  }
}

/** What joining answers: the application's credentials, and whether it is new. */
export type JoinedApp = JoinAnswer & {
  /** False when this name had joined before and got its application back. */
  created: boolean
}

/** What an attendee's app asks about its own application, with its key. */
export interface RoomAppClient {
  /** `GET /room/app`: the application's name and how its callback is doing. */
  app(): Promise<RoomApp>
  /** `PUT /room/app/callback`: sets the OneTouch callback URL (re-enabling it), or clears it. */
  setCallback(url: string | null, method?: 'POST' | 'GET'): Promise<RoomApp>
  /** `GET /room/users/{authy_id}/phone_url`: the phone page of a user it registered. */
  phoneUrl(authyId: number | string): Promise<string>
}

/** The typed room client {@link createRoomClient} returns. */
export interface RoomClient {
  /** `POST /room/join`: an application of one's own (the same one for the same name). */
  join(code: string, name: string): Promise<JoinedApp>
  /** The calls of the application whose API key this is. */
  forApp(apiKey: string): RoomAppClient
}

/**
 * A small typed client for a sandbox's room API (undici + zod, no Hono), for the attendee's app
 * and `npm run join`. `apiUrl` is the sandbox's address, e.g. `http://192.168.1.20:4001`. Every
 * answer is validated; anything else throws {@link RoomApiError}.
 *
 * @example
 * const room = createRoomClient('http://192.168.1.20:4001')
 * const joined = await room.join('K7Q2XD', 'Ada')
 * const mine = room.forApp(joined.api_key)
 * await mine.setCallback('http://192.168.1.23:4100/authy/callback')
 * console.log((await mine.app()).callback.state) // 'working'
 */
export function createRoomClient(
  apiUrl: string,
  options: { timeoutMs?: number } = {}
): RoomClient {
  const base = apiUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? ROOM_CALL_TIMEOUT_MS

  async function call<T extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: T,
    init: { apiKey?: string; body?: unknown } = {}
  ): Promise<{ status: number; value: z.output<T> }> {
    const where = `${method} ${base}/room${path}`
    let response: Awaited<ReturnType<typeof request>>
    let text: string
    try {
      response = await request(`${base}/room${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(init.apiKey === undefined ? {} : { 'x-authy-api-key': init.apiKey }),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.body.text()
    } catch (cause) {
      throw new RoomApiError(0, `Could not reach the room's sandbox (${where}): ${reason(cause)}`)
    }
    const status = response.statusCode
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new RoomApiError(
        status,
        `${where} answered HTTP ${status} with a body that is not JSON ` +
          `(is ${base} the address of the room's sandbox?): ${text.slice(0, 200)}`
      )
    }
    if (status < 200 || status > 299) {
      const error = roomErrorSchema.safeParse(json)
      const retryAfter = Number(response.headers['retry-after'])
      const message = error.success
        ? error.data.message
        : `${where} failed with HTTP ${status}: ${text.slice(0, 200)}`
      throw new RoomApiError(
        status,
        message,
        error.success ? error.data.field : undefined,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined
      )
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new RoomApiError(
        status,
        `${where} answered an unexpected shape: ${z.prettifyError(parsed.error)}`
      )
    }
    return { status, value: parsed.data }
  }

  return {
    join: async (code, name) => {
      const { status, value } = await call('POST', '/join', joinAnswerSchema, {
        body: { code, name },
      })
      return { ...value, created: status === 201 }
    },
    forApp: (apiKey) => ({
      app: async () => (await call('GET', '/app', roomAppSchema, { apiKey })).value,
      setCallback: async (url, method) =>
        (
          await call('PUT', '/app/callback', roomAppSchema, {
            apiKey,
            body: method === undefined ? { url } : { url, method },
          })
        ).value,
      phoneUrl: async (authyId) =>
        (
          await call(
            'GET',
            `/users/${encodeURIComponent(String(authyId))}/phone_url`,
            phoneUrlAnswerSchema,
            { apiKey }
          )
        ).value.phone_url,
    }),
  }
}

function reason(cause: unknown): string {
  const error = cause as { name?: string; code?: string; message?: string }
  if (error?.name === 'TimeoutError' || error?.code === 'UND_ERR_HEADERS_TIMEOUT')
    return 'it did not answer in time'
  const code = error?.code ?? (error as { cause?: { code?: string } })?.cause?.code
  return [code, error?.message].filter(Boolean).join(': ') || String(cause)
}
