import { Hono } from 'hono'
import { z } from 'zod'
import {
  customCodesNotAllowed,
  invalidParameter,
  noPendingVerification,
  phoneNumberInvalid,
  verificationCodeIncorrect,
} from '../domain/error-answers.js'
import { assertChannelEnabled } from '../domain/app-channels.js'
import { checkPhone, formatPhone, lineOf, type Phone } from '../domain/phone-numbers.js'
import {
  checkVerification,
  currentVerification,
  startVerification,
  verificationSentMessage,
} from '../domain/phone-verifications.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { jsonResponse } from './json-response.js'
import { integerParam, requiredStringParam, stringParam } from './param-schemas.js'
import { parseParams } from './parse-params.js'

const PHONE_PARAMS = z.object({
  country_code: requiredStringParam,
  phone_number: requiredStringParam,
})

const START_PARAMS = PHONE_PARAMS.extend({
  via: stringParam.refine(
    (via) => via === undefined || via === 'sms' || via === 'call',
    'Must be sms or call'
  ),
  code_length: integerParam.refine(
    (length) => length === undefined || (length >= 4 && length <= 10),
    'Must be between 4 and 10'
  ),
  custom_code: stringParam,
  custom_message: stringParam,
  locale: stringParam,
})

const CHECK_PARAMS = PHONE_PARAMS.extend({ verification_code: requiredStringParam })

/**
 * `/protected/json/phones/...`: verification start/check/status (§2.11) and phone info (§2.12).
 * Codes are random and go to the phone's inbox.
 *
 * @example
 * app.route('/protected/json/phones', authyPhoneRoutes(ctx))
 */
export function authyPhoneRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.post('/verification/start', async (c) => {
    const params = parseParams(START_PARAMS, c.get('params'))
    const phone = phoneOf(params)
    if (params.custom_code !== undefined) throw customCodesNotAllowed()
    const via = params.via === 'call' ? 'call' : 'sms'
    const app = c.get('app')
    assertChannelEnabled(app, via)
    const { countryCode, cellphone } = phone
    const line = lineOf(phone)
    const verification = startVerification(
      ctx.store.data,
      app,
      {
        countryCode,
        cellphone,
        via,
        codeLength: params.code_length ?? 4,
        customMessage: params.custom_message,
        locale: params.locale,
      },
      ctx.now()
    )
    await ctx.store.save()
    ctx.events.emit({ phoneKey: verification.phone_key })
    return jsonResponse({
      carrier: line.provider,
      is_cellphone: line.type === 'cellphone',
      is_ported: false,
      message: verificationSentMessage(verification, params.locale),
      seconds_to_expire: Math.round((verification.expires_at_ms - ctx.now()) / 1000),
      uuid: verification.uuid,
      success: true,
    })
  })

  routes.get('/verification/check', async (c) => {
    const params = parseParams(CHECK_PARAMS, c.get('params'))
    const { countryCode, cellphone } = phoneOf(params)
    const result = checkVerification(
      ctx.store.data,
      c.get('app'),
      countryCode,
      cellphone,
      params.verification_code.trim(),
      ctx.now()
    )
    if (result === 'none') throw noPendingVerification(formatPhone(countryCode, cellphone))
    await ctx.store.save()
    if (result === 'incorrect') throw verificationCodeIncorrect()
    return jsonResponse({ message: 'Verification code is correct.', success: true })
  })

  routes.get('/verification/status', (c) => {
    const { countryCode, cellphone } = phoneOf(parseParams(PHONE_PARAMS, c.get('params')))
    const nowMs = ctx.now()
    const verification = currentVerification(
      ctx.store.data,
      c.get('app'),
      countryCode,
      cellphone,
      nowMs
    )
    if (!verification) throw noPendingVerification(formatPhone(countryCode, cellphone))
    return jsonResponse({
      message: 'Phone Verification status.',
      status: verification.status,
      seconds_to_expire: Math.max(0, Math.round((verification.expires_at_ms - nowMs) / 1000)),
      success: true,
    })
  })

  routes.get('/info', (c) => {
    const line = lineOf(phoneOf(parseParams(PHONE_PARAMS, c.get('params'))))
    const asOf = new Date(ctx.now())
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d{3}Z$/, ' UTC')
    return jsonResponse({
      message: `Phone number information as of ${asOf}`,
      type: line.type,
      provider: line.provider,
      ported: false,
      success: true,
    })
  })

  return routes
}

function phoneOf(params: { country_code: string; phone_number: string }): Phone {
  const checked = checkPhone(params.country_code, params.phone_number)
  if (checked.ok) return checked.phone
  if (checked.invalid.includes('country_code'))
    throw invalidParameter('country_code', 'Is not a valid country calling code')
  throw phoneNumberInvalid()
}
