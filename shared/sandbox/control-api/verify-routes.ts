import { Hono } from 'hono'
import { z } from 'zod'
import { jsonResponse } from '../authy-api/json-response.js'
import { requiredStringParam } from '../authy-api/param-schemas.js'
import { parseParams } from '../authy-api/parse-params.js'
import { readJsonBody } from '../authy-api/request-body.js'
import { invalidParameter, notFound } from '../domain/error-answers.js'
import { checkPhone } from '../domain/phone-numbers.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import { controlChallengeView } from '../domain/verify/challenges.js'
import {
  pushFactorInputSchema,
  type DevicePushFactor,
  type VerifyDeviceView,
} from '../domain/verify/control-schemas.js'
import { devicePageUrl, findDeviceByPhone } from '../domain/verify/devices.js'
import { totpSettingsOf } from '../domain/verify/factors.js'
import { totpCodeAt, totpSecondsLeftFor } from '../domain/verify/totp-codes.js'
import {
  addPushFactorOnDevice,
  answerOnDevice,
  expireChallenge,
  readAnyChallenge,
  verifyContextOr404,
} from '../domain/verify/verify-actions.js'
import type { SandboxEnv } from '../sandbox-env.js'

const PHONE_QUERY = z.object({
  country_code: requiredStringParam,
  phone_number: requiredStringParam,
})

/**
 * `/sandbox/verify/...`: what the Verify Push SDK on a phone would do (make a verified push
 * factor, approve or deny a challenge), read a challenge, a TOTP factor's current code, a phone's
 * page, the webhook deliveries, and the Verify API's account and API key. 404 when the sandbox
 * serves no Verify API.
 *
 * @example
 * routes.route('/', controlVerifyRoutes(ctx))
 */
export function controlVerifyRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.get('/verify', () => {
    const { account } = verifyContextOr404(ctx).verify
    return jsonResponse({
      verify: {
        account_sid: account.accountSid,
        api_key_sid: account.apiKey.sid,
        api_key_secret: account.apiKey.secret,
      },
      success: true,
    })
  })

  routes.post('/verify/entities/:identity/push_factors', async (c) => {
    const vctx = verifyContextOr404(ctx)
    const input = parseParams(pushFactorInputSchema, await readJsonBody(c))
    const { factor, device } = await addPushFactorOnDevice(vctx, c.req.param('identity'), input)
    const view: DevicePushFactor = {
      sid: factor.sid,
      identity: factor.identity,
      entity_sid: factor.entity_sid,
      service_sid: factor.service_sid,
      friendly_name: factor.friendly_name,
      status: factor.status,
      phone_url: devicePageUrl(ctx, device),
    }
    return jsonResponse({ ...view, success: true }, 201)
  })

  routes.get('/verify/devices', (c) => {
    verifyContextOr404(ctx)
    const query = parseParams(PHONE_QUERY, c.req.query())
    const phone = checkPhone(query.country_code, query.phone_number)
    if (!phone.ok) throw invalidParameter(phone.invalid[0]!, 'Is not a valid phone number')
    const device = findDeviceByPhone(ctx.store.data, phone.phone)
    if (!device) throw notFound('This phone has no Verify Push app: make a push factor on it first.')
    const view: VerifyDeviceView = {
      country_code: device.country_code,
      cellphone: device.cellphone,
      emails: device.emails,
      phone_url: devicePageUrl(ctx, device),
    }
    return jsonResponse({ device: view, success: true })
  })

  routes.get('/verify/challenges/:sid', async (c) => {
    const { challenge } = await readAnyChallenge(verifyContextOr404(ctx), c.req.param('sid'))
    return jsonResponse({ challenge: controlChallengeView(challenge, ctx.now()), success: true })
  })

  for (const [action, answer] of [
    ['approve', 'approved'],
    ['deny', 'denied'],
  ] as const) {
    routes.post(`/verify/challenges/:sid/${action}`, async (c) => {
      const vctx = verifyContextOr404(ctx)
      const { challenge, deliveries } = await answerOnDevice(vctx, c.req.param('sid'), answer)
      return jsonResponse({
        challenge: controlChallengeView(challenge, ctx.now()),
        webhooks: await deliveries,
        success: true,
      })
    })
  }

  routes.post('/verify/challenges/:sid/expire', async (c) => {
    const challenge = await expireChallenge(verifyContextOr404(ctx), c.req.param('sid'))
    return jsonResponse({ challenge: controlChallengeView(challenge, ctx.now()), success: true })
  })

  routes.get('/verify/factors/:sid/totp', (c) => {
    verifyContextOr404(ctx)
    const sid = c.req.param('sid')
    const factor = ctx.store.data.verify.factors.find((f) => f.sid === sid)
    if (!factor) throw notFound(`No Verify factor ${sid}`)
    if (factor.factor_type !== 'totp')
      throw invalidParameter('sid', 'Is a push factor: only a TOTP factor has codes')
    const settings = totpSettingsOf(factor)
    const nowMs = ctx.now()
    return jsonResponse({
      code: totpCodeAt(settings, nowMs),
      seconds_left: totpSecondsLeftFor(settings, nowMs),
      success: true,
    })
  })

  routes.get('/verify/deliveries', () =>
    jsonResponse({
      deliveries: [...verifyContextOr404(ctx).verify.deliveries].reverse(),
      success: true,
    })
  )

  return routes
}
