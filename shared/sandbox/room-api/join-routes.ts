import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import { JOIN_EXAMPLE, joinAnswer, joinRoom } from '../domain/room/join-room.js'
import type { Room } from '../domain/room/room.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { limitJoins, readRoomJson } from './middleware.js'

/**
 * `POST /room/join` `{"code", "name"}`: 201 and a new application's credentials, or 200 and the
 * same application for a name that joined before (any case). Limited per remote address.
 *
 * @example
 * routes.route('/', roomJoinRoutes(ctx, room))
 */
export function roomJoinRoutes(ctx: SandboxContext, room: Room) {
  const routes = new Hono<SandboxEnv>()

  routes.post('/join', limitJoins(ctx, room), async (c) => {
    const { app, created } = await joinRoom(ctx, room, await readRoomJson(c, JOIN_EXAMPLE))
    return jsonResponse(joinAnswer(ctx, app), created ? 201 : 200)
  })

  return routes
}
