import { Hono } from 'hono'
import type { Room } from '../domain/room/room.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { roomAppRoutes } from './app-routes.js'
import { roomJoinRoutes } from './join-routes.js'
import { roomBodyLimit } from './middleware.js'

/**
 * The room API under `/room/` (the sandbox's own, not Authy's): attendees join the room and get
 * an application each, and their apps read and set that application's callback and find their
 * users' phone pages. JSON in and out; errors are `{"message"}` (and `"field"`). Mount it only
 * when the sandbox runs a room.
 *
 * @example
 * app.route('/room', roomApi(ctx, room))
 */
export function roomApi(ctx: SandboxContext, room: Room) {
  const api = new Hono<SandboxEnv>()
  api.use(roomBodyLimit())
  api.route('/', roomJoinRoutes(ctx, room))
  api.route('/', roomAppRoutes(ctx))
  return api
}
