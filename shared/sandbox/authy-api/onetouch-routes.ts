import { Hono, type Handler } from 'hono'
import { z } from 'zod'
import { readApprovalRequest } from '../domain/approval-actions.js'
import {
  createApprovalRequest,
  DEFAULT_APPROVAL_TTL_SECONDS,
} from '../domain/approval-requests.js'
import { isRoomApp } from '../domain/apps.js'
import { isHttpUrl } from '../domain/callback-config.js'
import { noOneTouchDevice } from '../domain/error-answers.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import { appUserOr404, receivesPush } from '../domain/users.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { jsonResponse, jsonTextResponse } from './json-response.js'
import {
  integerParam,
  listParam,
  requiredStringParam,
  stringHashParam,
  textParam,
} from './param-schemas.js'
import { parseParams } from './parse-params.js'
import { statusAnswer } from './status-answer.js'

const LOGO_RESOLUTIONS = ['default', 'low', 'med', 'high'] as const
const MAX_TTL_SECONDS = 2_147_483_647
// authy-java refuses logo URLs of 500 characters or more.
const MAX_LOGO_URL_LENGTH = 500

const CREATE_PARAMS = z.object({
  message: requiredStringParam,
  details: stringHashParam,
  hidden_details: stringHashParam,
  logos: listParam(
    z.object(
      {
        res: z.enum(LOGO_RESOLUTIONS, {
          error: `res must be one of ${LOGO_RESOLUTIONS.join(', ')}`,
        }),
        url: textParam(MAX_LOGO_URL_LENGTH).refine(
          (url) => url !== undefined && isHttpUrl(url),
          'url must be an http(s) URL'
        ),
      },
      { error: 'Must be a list of {res, url}' }
    )
  ),
  seconds_to_expire: integerParam.refine(
    (seconds) => seconds === undefined || (seconds >= 0 && seconds <= MAX_TTL_SECONDS),
    'Must be a whole number of seconds, 0 (never expires) or more'
  ),
})

/**
 * `/onetouch/json/...`: create an approval request (§2.9) and read its status (§2.10; expiry is
 * evaluated on read). Both belong to the application whose key the request carries: another
 * application's user or request is not found.
 *
 * @example
 * app.route('/onetouch/json', authyOneTouchRoutes(ctx))
 */
export function authyOneTouchRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.post('/users/:id/approval_requests', async (c) => {
    const app = c.get('app')
    const user = appUserOr404(ctx.store.data, app, c.req.param('id'))
    const params = parseParams(CREATE_PARAMS, c.get('params'))
    if (!receivesPush(user)) throw noOneTouchDevice()
    const request = createApprovalRequest(
      ctx.store.data,
      app,
      user,
      {
        message: params.message,
        details: params.details ?? null,
        hiddenDetails: params.hidden_details ?? null,
        logos: params.logos?.map((logo) => ({ res: logo.res, url: logo.url! })) ?? null,
        secondsToExpire: params.seconds_to_expire ?? DEFAULT_APPROVAL_TTL_SECONDS,
      },
      ctx.now()
    )
    await ctx.store.save()
    ctx.events.emit({ authyId: user.authy_id })
    ctx.log(
      isRoomApp(app)
        ? `Approval request ${request.uuid} from ${app.name} for user ${user.authy_id}.`
        : `Approval request ${request.uuid} for user ${user.authy_id}: "${request.message}".`
    )
    return jsonResponse({ approval_request: { uuid: request.uuid }, success: true })
  })

  routes.get('/approval_requests/:uuid', approvalStatusHandler(ctx))

  return routes
}

/**
 * `GET /onetouch/json/approval_requests/{uuid}`: the request's status, for the application whose
 * key was checked. Also served on its own (see `statusReadApi`).
 *
 * @example
 * routes.get('/approval_requests/:uuid', approvalStatusHandler(ctx))
 */
export function approvalStatusHandler(ctx: SandboxContext): Handler<SandboxEnv> {
  return async (c) => {
    const app = c.get('app')
    const request = await readApprovalRequest(ctx, c.req.param('uuid') ?? '', app)
    return jsonTextResponse(statusAnswer(app, request))
  }
}
