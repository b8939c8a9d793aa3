import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import { constantTimeEqual } from '../../authy/signature.js'
import { jsonResponse } from '../authy-api/json-response.js'
import { booleanParam, requiredStringParam } from '../authy-api/param-schemas.js'
import { parseParams } from '../authy-api/parse-params.js'
import { readJsonBody } from '../authy-api/request-body.js'
import { onlyFromThisComputer } from '../control-access.js'
import { decideApprovalRequest, readApprovalRequest } from '../domain/approval-actions.js'
import {
  approvalRequestsOf,
  approvalRequestView,
  expireIfDue,
} from '../domain/approval-requests.js'
import { appView, callbackUrlProblem, setCallback } from '../domain/callback-config.js'
import { deliverCallback } from '../domain/callback-delivery.js'
import { pingPayload } from '../domain/callback-payload.js'
import { appInputSchema, faultInputSchema, type UserView } from '../domain/control-schemas.js'
import { conflict, invalidApiKey, invalidParameter, userNotFound } from '../domain/error-answers.js'
import { addFault, clearFaults } from '../domain/faults.js'
import { inboxOf } from '../domain/inbox.js'
import { normalizeCellphone, normalizeCountryCode, phoneKey } from '../domain/phone-numbers.js'
import { findRequests } from '../domain/request-log.js'
import { phoneUrl, type SandboxContext } from '../domain/sandbox-context.js'
import type { StoredUser } from '../domain/store-schema.js'
import { totpSecondsLeft, totpToken } from '../domain/totp.js'
import { MAX_PATTERN_LENGTH } from '../domain/url-pattern.js'
import { findUserByPhone, userOr404 } from '../domain/users.js'
import type { SandboxEnv } from '../sandbox-env.js'

const PHONE_QUERY = z.object({
  country_code: requiredStringParam,
  phone_number: requiredStringParam,
})

/**
 * The control API under `/sandbox/`: decide approval requests, read inboxes, TOTPs and users,
 * configure the callback, inspect callbacks and requests, inject faults. JSON in and out, the
 * API key in the `X-Authy-API-Key` header, errors in Authy's envelope. Only this computer may use
 * it, whatever address the server listens on.
 *
 * @example
 * app.route('/sandbox', controlRoutes(ctx))
 */
export function controlRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.use(onlyFromThisComputer(ctx.host))
  routes.use(async (c, next) => {
    const key = c.req.header('x-authy-api-key')
    if (!key || !constantTimeEqual(ctx.apiKey, key)) throw invalidApiKey()
    await next()
  })

  for (const [action, status] of [
    ['approve', 'approved'],
    ['deny', 'denied'],
    ['expire', 'expired'],
  ] as const) {
    routes.post(`/approval_requests/:uuid/${action}`, async (c) => {
      const { request, callback } = await decideApprovalRequest(ctx, c.req.param('uuid'), status)
      const attempt = await callback
      return jsonResponse({
        approval_request: approvalRequestView(ctx.store.data.app, request, ctx.now()),
        callback: attempt,
        success: true,
      })
    })
  }

  routes.get('/approval_requests', async (c) => {
    const { authy_id } = parseParams(
      z.object({
        authy_id: z
          .string()
          .regex(/^\d{1,15}$/, 'Must be an Authy id')
          .optional(),
      }),
      c.req.query()
    )
    const nowMs = ctx.now()
    const requests = approvalRequestsOf(
      ctx.store.data,
      authy_id === undefined ? undefined : Number(authy_id)
    )
    const expired = requests.filter((request) => expireIfDue(request, nowMs))
    if (expired.length > 0) await ctx.store.save()
    return jsonResponse({
      approval_requests: requests.map((r) => approvalRequestView(ctx.store.data.app, r, nowMs)),
      success: true,
    })
  })

  routes.get('/approval_requests/:uuid', async (c) => {
    const request = await readApprovalRequest(ctx, c.req.param('uuid'))
    return jsonResponse({
      approval_request: approvalRequestView(ctx.store.data.app, request, ctx.now()),
      success: true,
    })
  })

  routes.get('/messages', (c) => {
    const { countryCode, cellphone } = phoneQuery(c)
    const messages = inboxOf(ctx.store.data, phoneKey(countryCode, cellphone)).map((m) => ({
      channel: m.channel,
      body: m.body,
      code: m.code,
      created_at: new Date(m.created_at_ms).toISOString(),
    }))
    return jsonResponse({ messages, success: true })
  })

  routes.get('/users', (c) => {
    const { countryCode, cellphone } = phoneQuery(c)
    const user = findUserByPhone(ctx.store.data, countryCode, cellphone)
    if (!user) throw userNotFound()
    return jsonResponse({ user: userView(ctx, user), success: true })
  })

  routes.get('/users/:id', (c) => {
    const user = userOr404(ctx.store.data, c.req.param('id'))
    return jsonResponse({ user: userView(ctx, user), success: true })
  })

  routes.get('/users/:id/totp', (c) => {
    const user = userOr404(ctx.store.data, c.req.param('id'))
    if (!user.device.registered) {
      throw conflict(
        `User ${user.authy_id} has no registered device, so there is no app token. ` +
          `Register it with PUT /sandbox/users/${user.authy_id}/device {"registered":true}.`
      )
    }
    const nowMs = ctx.now()
    return jsonResponse({
      token: totpToken(user.totp_secret, nowMs),
      seconds_left: totpSecondsLeft(nowMs),
      success: true,
    })
  })

  routes.put('/users/:id/device', async (c) => {
    const user = userOr404(ctx.store.data, c.req.param('id'))
    const body = await readJsonBody(c)
    const { registered } = parseParams(
      z.strictObject({
        registered: booleanParam.refine((v) => v !== undefined, 'Parameter is required'),
      }),
      body
    )
    const nowMs = ctx.now()
    if (registered && !user.device.registered) {
      user.device.registration_date = Math.floor(nowMs / 1000)
    }
    user.device.registered = registered!
    await ctx.store.save()
    ctx.events.emit({ authyId: user.authy_id })
    ctx.log(`User ${user.authy_id}'s device is now ${registered ? 'registered' : 'unregistered'}.`)
    return jsonResponse({ user: userView(ctx, user), success: true })
  })

  routes.get('/app', () => jsonResponse({ app: appView(ctx.store.data.app), success: true }))

  routes.put('/app', async (c) => {
    const input = parseParams(appInputSchema, await readJsonBody(c))
    const app = ctx.store.data.app
    const url =
      input.onetouch_callback_url === undefined ? app.callback.url : input.onetouch_callback_url
    const cleared = url === null || url.trim() === ''
    const problem = cleared ? null : callbackUrlProblem(url.trim())
    if (problem) throw invalidParameter('onetouch_callback_url', problem)
    const method = input.onetouch_callback_method ?? app.callback.method
    setCallback(app, ctx.callbacks, cleared ? null : url.trim(), method)
    await ctx.store.save()
    ctx.events.emit({ everyone: true })
    ctx.log(
      cleared ? 'OneTouch callback URL cleared.' : `OneTouch callback URL set to ${method} ${url}.`
    )
    return jsonResponse({ app: appView(app), success: true })
  })

  routes.get('/callbacks', () =>
    jsonResponse({ callbacks: [...ctx.callbacks.attempts].reverse(), success: true })
  )

  routes.post('/callbacks/ping', async () => {
    const { callback } = ctx.store.data.app
    if (callback.url === null)
      throw conflict('No OneTouch callback URL is set: set one with PUT /sandbox/app.')
    if (callback.disabled) {
      throw conflict(
        `The callback URL ${callback.url} is disabled after repeated failures: ` +
          `set it again with PUT /sandbox/app.`
      )
    }
    const attempt = await deliverCallback(ctx, pingPayload(ctx.store.data.app, ctx.now()), 'ping')
    return jsonResponse({ callback: attempt, success: true })
  })

  routes.get('/requests', (c) => {
    const { path } = parseParams(
      z.object({
        path: z
          .string()
          .max(MAX_PATTERN_LENGTH, `Must be at most ${MAX_PATTERN_LENGTH} characters`)
          .optional(),
      }),
      c.req.query()
    )
    return jsonResponse({ requests: findRequests(ctx.requests, path || '*'), success: true })
  })

  routes.post('/faults', async (c) => {
    const input = parseParams(faultInputSchema, await readJsonBody(c))
    const fault = addFault(ctx.faults, input, ctx.now())
    ctx.log(`Fault added: ${fault.method ?? 'any method'} ${fault.path} x${fault.count}.`)
    return jsonResponse({ fault, success: true }, 201)
  })

  routes.get('/faults', () => jsonResponse({ faults: ctx.faults.faults, success: true }))

  routes.delete('/faults', () => {
    const cleared = clearFaults(ctx.faults)
    return jsonResponse({ cleared, success: true })
  })

  return routes
}

function phoneQuery(c: Context<SandboxEnv>) {
  const query = parseParams(PHONE_QUERY, c.req.query())
  const countryCode = normalizeCountryCode(query.country_code)
  if (countryCode === null)
    throw invalidParameter('country_code', 'Is not a valid country calling code')
  const cellphone = normalizeCellphone(query.phone_number)
  if (cellphone === null) throw invalidParameter('phone_number', 'Is not a valid phone number')
  return { countryCode, cellphone }
}

function userView(ctx: SandboxContext, user: StoredUser): UserView {
  return {
    authy_id: user.authy_id,
    country_code: user.country_code,
    cellphone: user.cellphone,
    email: user.email,
    emails: user.emails,
    registered: user.device.registered,
    phone_url: phoneUrl(ctx, user.phone_token),
  }
}
