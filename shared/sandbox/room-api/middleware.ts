import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { isLoopbackAddress } from '../../runtime/hosts.js'
import { remoteAddressOf } from '../../runtime/remote-address.js'
import { appForKey } from '../domain/app-keys.js'
import { isRoomApp } from '../domain/apps.js'
import { takeJoinAttempt } from '../domain/room/join-limit.js'
import type { Room } from '../domain/room/room.js'
import {
  notJsonObject,
  roomBodyTooLarge,
  tooManyJoins,
  unknownRoomKey,
} from '../domain/room/room-errors.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'

/** The largest body the room API reads: its bodies are a few short fields. */
export const MAX_ROOM_BODY_BYTES = 10_000

// Requests handed to app.request() in this process have no address: they share one count.
const IN_PROCESS = 'in-process'

/**
 * Counts every join attempt against its remote address (wrong codes and bad bodies too) and
 * answers 429 with `Retry-After` past the room's limit per minute.
 *
 * @example
 * routes.post('/join', limitJoins(ctx, room), handler)
 */
export function limitJoins(ctx: SandboxContext, room: Room): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const address = remoteAddressOf(c) ?? IN_PROCESS
    const wait = takeJoinAttempt(room.joins, address, ctx.now())
    if (wait > 0) throw tooManyJoins(wait, room.joins.perMinute)
    await next()
  }
}

/**
 * Finds the joined application whose key is in the `X-Authy-API-Key` header (compared in
 * constant time) and hands it to the handler as `c.get('app')`. Any other key, the sandbox's own
 * included (it is the control API's, which stays on this computer), → 401.
 *
 * @example
 * routes.use('/app/*', roomAppKey(ctx))
 */
export function roomAppKey(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = c.req.header('x-authy-api-key')
    const app = key ? appForKey(ctx.appKeys, key) : undefined
    if (!app || !isRoomApp(app)) throw unknownRoomKey()
    c.set('app', app)
    await next()
  }
}

/**
 * Refuses a body over {@link MAX_ROOM_BODY_BYTES} with 413.
 *
 * @example
 * routes.use(roomBodyLimit())
 */
export function roomBodyLimit(): MiddlewareHandler<SandboxEnv> {
  return bodyLimit({
    maxSize: MAX_ROOM_BODY_BYTES,
    onError: () => {
      throw roomBodyTooLarge(MAX_ROOM_BODY_BYTES)
    },
  })
}

/**
 * The request body as a JSON object; anything else → 400 with an example of what to send.
 *
 * @example
 * const body = await readRoomJson(c, JOIN_EXAMPLE)
 */
export async function readRoomJson(
  c: Context<SandboxEnv>,
  example: string
): Promise<Record<string, unknown>> {
  let value: unknown
  try {
    value = JSON.parse(await c.req.text())
  } catch {
    throw notJsonObject(example)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw notJsonObject(example)
  return value as Record<string, unknown>
}

/**
 * Whether the request came from this computer (or from this process).
 *
 * @example
 * await setRoomCallback(ctx, app, body, fromThisComputer(c))
 */
export function fromThisComputer(c: Context<SandboxEnv>): boolean {
  const remote = remoteAddressOf(c)
  return remote === undefined || isLoopbackAddress(remote)
}
