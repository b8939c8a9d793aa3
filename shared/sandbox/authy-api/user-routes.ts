import { Hono } from 'hono'
import { z } from 'zod'
import { invalidParameter, userNotValid } from '../domain/error-answers.js'
import { isRoomApp } from '../domain/apps.js'
import { deliverMessage } from '../domain/inbox.js'
import { announcePhoneLink } from '../domain/phone-link-announcement.js'
import { checkPhone, phoneKey } from '../domain/phone-numbers.js'
import { phoneUrl, type SandboxContext } from '../domain/sandbox-context.js'
import type { StoredApp } from '../domain/store-schema.js'
import {
  appUserOr404,
  changeEmail,
  emailProblem,
  registerUser,
  removeUser,
  userStatus,
} from '../domain/users.js'
import type { SandboxEnv } from '../sandbox-env.js'
import {
  DEFAULT_QR_SIZE,
  MAX_QR_SIZE,
  MIN_QR_SIZE,
  otpauthUri,
  qrCodeDataUrl,
} from './authenticator-qr.js'
import { jsonResponse } from './json-response.js'
import { booleanParam, integerParam, textParam } from './param-schemas.js'
import { parseParams } from './parse-params.js'

const ACTIVITY_TYPES = ['password_reset', 'banned', 'unbanned', 'cookie_login'] as const
const SECRET_PARAMS = z.object({
  label: textParam(200),
  qr_size: integerParam.refine(
    (size) => size === undefined || (size >= MIN_QR_SIZE && size <= MAX_QR_SIZE),
    `Must be between ${MIN_QR_SIZE} and ${MAX_QR_SIZE}`
  ),
})

/**
 * `/protected/json/users/...`: register (§2.1), status (§2.2), the three delete paths (§2.3),
 * register_activity (§2.4), and from §2.8 `update` (a new email) and `secret` (a QR code for
 * another authenticator app).
 *
 * @example
 * app.route('/protected/json/users', authyUserRoutes(ctx))
 */
export function authyUserRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.post('/new', async (c) => {
    const params = c.get('params')
    const user = isHash(params.user) ? params.user : {}
    const email = scalar(user.email)
    const phone = checkPhone(user.country_code, user.cellphone)
    const fields: Record<string, string> = {}
    const emailError = emailProblem(email)
    if (emailError) fields.email = emailError
    // Blank or wrong, Authy says only "is invalid" of a phone or country code.
    for (const field of phone.ok ? [] : phone.invalid) fields[field] = 'is invalid'
    if (!phone.ok || Object.keys(fields).length > 0) throw userNotValid(fields)

    const sendLink = booleanParam.safeParse(
      params.send_install_link_via_sms ?? user.send_install_link_via_sms
    )
    if (!sendLink.success)
      throw invalidParameter('send_install_link_via_sms', 'Must be true or false')

    const nowMs = ctx.now()
    const data = ctx.store.data
    const app = c.get('app')
    const { user: stored, created } = registerUser(data, app, { email, ...phone.phone }, nowMs)
    if (created && sendLink.data !== false) {
      deliverMessage(
        data,
        {
          phoneKey: phoneKey(stored.country_code, stored.cellphone),
          channel: 'sms',
          body:
            `${app.name} uses Authy. ` +
            `Install the Authy app: ${phoneUrl(ctx, stored.phone_token)}`,
          code: null,
        },
        nowMs
      )
    }
    await ctx.store.save()
    ctx.events.emit({ authyId: stored.authy_id })
    // The presenter's terminal may be on the projector: a joined application's users (their
    // phone links above all) are not shown there.
    if (isRoomApp(app)) ctx.log(`${app.name} registered user ${stored.authy_id}.`)
    else if (created) announcePhoneLink(ctx, stored)
    else ctx.log(`User ${stored.authy_id} registered again with ${email}.`)
    return jsonResponse({
      message: 'User created successfully.',
      user: { id: stored.authy_id },
      success: true,
    })
  })

  routes.get('/:id/status', (c) => {
    const user = appUserOr404(ctx.store.data, c.get('app'), c.req.param('id'))
    return jsonResponse({ status: userStatus(user), message: 'User status.', success: true })
  })

  const remove = async (app: StoredApp, id: string) => {
    const user = appUserOr404(ctx.store.data, app, id)
    removeUser(ctx.store.data, app, user)
    await ctx.store.save()
    ctx.events.emit({ authyId: user.authy_id })
    ctx.log(`User ${user.authy_id} was removed from ${app.name}.`)
    return jsonResponse({ message: 'User removed from application', success: true })
  }
  routes.post('/:id/remove', (c) => remove(c.get('app'), c.req.param('id')))
  routes.post('/:id/delete', (c) => remove(c.get('app'), c.req.param('id')))
  routes.post('/delete/:id', (c) => remove(c.get('app'), c.req.param('id')))

  routes.post('/:id/update', async (c) => {
    const user = appUserOr404(ctx.store.data, c.get('app'), c.req.param('id'))
    const params = c.get('params')
    const nested = isHash(params.user) ? params.user : {}
    const email = scalar(params.email ?? nested.email)
    const problem = emailProblem(email)
    if (problem) throw userNotValid({ email: problem })
    changeEmail(user, email)
    await ctx.store.save()
    ctx.events.emit({ authyId: user.authy_id })
    ctx.log(`User ${user.authy_id}'s email is now ${isRoomApp(c.get('app')) ? 'changed' : email}.`)
    return jsonResponse({ message: 'User was updated successfully', success: true })
  })

  routes.post('/:id/secret', (c) => {
    const app = c.get('app')
    const user = appUserOr404(ctx.store.data, app, c.req.param('id'))
    const params = parseParams(SECRET_PARAMS, c.get('params'))
    const uri = otpauthUri(app.name, params.label ?? user.email, user.totp_secret)
    return jsonResponse({
      qr_code: qrCodeDataUrl(uri, params.qr_size ?? DEFAULT_QR_SIZE),
      success: true,
    })
  })

  routes.post('/:id/register_activity', (c) => {
    const user = appUserOr404(ctx.store.data, c.get('app'), c.req.param('id'))
    const { type } = parseParams(
      z.object({
        type: z.enum(ACTIVITY_TYPES, {
          error: `Must be one of ${ACTIVITY_TYPES.join(', ')}`,
        }),
      }),
      c.get('params')
    )
    ctx.log(`Activity "${type}" registered for user ${user.authy_id}.`)
    return jsonResponse({ message: 'Activity was created.', success: true })
  })

  return routes
}

function isHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : ''
}
