import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  dosProtection,
  tokenInvalid,
  tokenReused,
  userDoesNotExist,
} from '../domain/error-answers.js'
import { assertChannelEnabled } from '../domain/app-channels.js'
import { isRoomApp } from '../domain/apps.js'
import { emailId } from '../domain/identifiers.js'
import { wordingFor } from '../domain/messages.js'
import { countStat } from '../domain/monthly-stats.js'
import { maskForDelivery } from '../domain/phone-numbers.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import { checkToken, sendToken } from '../domain/tokens.js'
import { appUserOr404, findUserOfApp } from '../domain/users.js'
import {
  createVerifyThrottle,
  recordVerifyFailure,
  verifyBlockedForSeconds,
} from '../domain/verify-throttle.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { jsonResponse } from './json-response.js'
import { booleanParam, stringParam } from './param-schemas.js'
import { parseParams } from './parse-params.js'

const SEND_PARAMS = z.object({
  force: booleanParam,
  action: stringParam,
  action_message: stringParam,
  locale: stringParam,
})

/**
 * `/protected/json/sms/{id}` (§2.5), `/call/{id}` (§2.6), `/email/{id}` (§2.8) and
 * `/verify/{token}/{id}` (§2.7).
 * A user with the app gets `ignored` unless `force=true`; otherwise a fresh random token goes to
 * the phone's inbox. Verify accepts an unused SMS/call token or the app's current TOTP; after
 * 10 failed verifications of a user within 10 minutes it answers 429 / 60003 until the oldest of
 * them is 10 minutes old.
 *
 * @example
 * app.route('/protected/json', authyTokenRoutes(ctx))
 */
export function authyTokenRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()
  const throttle = createVerifyThrottle()

  const send = (channel: 'sms' | 'call') => async (c: Context<SandboxEnv, '/:channel/:id'>) => {
    const app = c.get('app')
    const user = appUserOr404(ctx.store.data, app, c.req.param('id'))
    const options = parseParams(SEND_PARAMS, c.get('params'))
    const cellphone = maskForDelivery(user.country_code, user.cellphone)
    const words = wordingFor(options.locale)
    if (user.device.registered && options.force !== true) {
      const message = channel === 'sms' ? words.smsIgnored : words.callIgnored
      return jsonResponse({
        message,
        cellphone,
        device: user.device.os_type,
        ignored: true,
        success: true,
      })
    }
    assertChannelEnabled(app, channel)
    const nowMs = ctx.now()
    sendToken(ctx.store.data, app, user, channel, actionOf(options), nowMs, options.locale)
    countStat(app, nowMs, channel === 'sms' ? 'sms_count' : 'calls_count')
    await ctx.store.save()
    ctx.events.emit({ authyId: user.authy_id })
    ctx.log(`${channel === 'sms' ? 'SMS' : 'Call'} token sent to user ${user.authy_id}.`)
    return channel === 'sms'
      ? jsonResponse({ success: true, message: words.smsSent, cellphone })
      : jsonResponse({ cellphone, message: words.callStarted, success: true })
  }
  routes.get('/sms/:id', send('sms'))
  routes.get('/call/:id', send('call'))

  // Email tokens go out whether or not the user has the app: the user asked for an email.
  routes.post('/email/:id', async (c) => {
    const app = c.get('app')
    const user = appUserOr404(ctx.store.data, app, c.req.param('id'))
    const options = parseParams(SEND_PARAMS, c.get('params'))
    sendToken(ctx.store.data, app, user, 'email', actionOf(options), ctx.now(), options.locale)
    await ctx.store.save()
    ctx.events.emit({ authyId: user.authy_id })
    ctx.log(
      `Email token sent to user ${user.authy_id}` +
        (isRoomApp(app) ? ` by ${app.name}.` : ` (${user.email}).`)
    )
    return jsonResponse({
      success: true,
      message: wordingFor(options.locale).emailSent,
      email: user.email,
      email_id: emailId(),
    })
  })

  routes.get('/verify/:token/:id', async (c) => {
    const app = c.get('app')
    const user = findUserOfApp(ctx.store.data, app, c.req.param('id'))
    if (!user) throw userDoesNotExist()
    const party = { appId: app.app_id, authyId: user.authy_id }
    const { action } = parseParams(
      z.object({ force: booleanParam, action: stringParam }),
      c.get('params')
    )
    const nowMs = ctx.now()
    const blockedFor = verifyBlockedForSeconds(throttle, party, nowMs)
    if (blockedFor > 0) throw dosProtection(blockedFor)
    const token = c.req.param('token')
    const outcome = /^\d{6,10}$/.test(token)
      ? checkToken(ctx.store.data, app, user, token, action ?? null, nowMs)
      : 'invalid'
    if (outcome === 'reused') throw tokenReused()
    if (outcome === 'invalid') {
      recordVerifyFailure(throttle, party, nowMs)
      throw tokenInvalid()
    }
    countStat(app, nowMs, 'auths_count')
    await ctx.store.save()
    const fromApp = outcome === 'app'
    return jsonResponse({
      message: 'Token is valid.',
      token: 'is valid',
      success: 'true',
      device: {
        id: fromApp ? user.device.id : null,
        os_type: fromApp ? user.device.os_type : outcome,
        registration_date: user.device.registration_date,
        registration_method: null,
        registration_country: null,
        registration_region: null,
        registration_city: null,
        country: null,
        region: null,
        city: null,
        ip: null,
        last_account_recovery_at: null,
        last_sync_date: fromApp ? user.device.last_sync_date : null,
      },
    })
  })

  return routes
}

/** The custom action a token is sent for (`action`, `action_message`), if any. */
function actionOf(options: { action?: string; action_message?: string }) {
  return options.action ? { action: options.action, message: options.action_message } : null
}
