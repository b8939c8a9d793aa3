import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import {
  CALLBACK_EXAMPLE,
  roomAppView,
  roomPhoneUrl,
  setRoomCallback,
} from '../domain/room/room-app.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { fromThisComputer, readRoomJson, roomAppKey } from './middleware.js'

/**
 * What an attendee's app on another laptop asks about its own application, with its key in
 * `X-Authy-API-Key`: `GET /room/app` (name and callback health), `PUT /room/app/callback`
 * `{"url"}` (set or clear its callback) and `GET /room/users/{authy_id}/phone_url` (the phone page
 * of a user it registered).
 *
 * @example
 * routes.route('/', roomAppRoutes(ctx))
 */
export function roomAppRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()
  routes.use('/app', roomAppKey(ctx))
  routes.use('/app/*', roomAppKey(ctx))
  routes.use('/users/*', roomAppKey(ctx))

  routes.get('/app', (c) => jsonResponse(roomAppView(c.get('app'))))

  routes.put('/app/callback', async (c) => {
    const body = await readRoomJson(c, CALLBACK_EXAMPLE)
    return jsonResponse(await setRoomCallback(ctx, c.get('app'), body, fromThisComputer(c)))
  })

  routes.get('/users/:id/phone_url', (c) =>
    jsonResponse({ phone_url: roomPhoneUrl(ctx, c.get('app'), c.req.param('id')) })
  )

  return routes
}
