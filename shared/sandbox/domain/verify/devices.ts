import { phonePageToken } from '../identifiers.js'
import { phoneKey, type Phone } from '../phone-numbers.js'
import { phoneUrl, type SandboxContext } from '../sandbox-context.js'
import type { SandboxData } from '../store-schema.js'
import type { StoredChallenge, StoredFactor, StoredVerifyDevice } from './store-schema.js'

/** Phones with the Verify Push app kept in all (the sandbox's limit); the oldest go first. */
export const DEVICE_LIMIT = 10_000

/**
 * The phone's Verify Push app (and its page), installed now if it has none (`installed`). `email`
 * adds an address whose Verify emails the page shows.
 *
 * @example
 * const { device } = ensureDevice(data, { countryCode: 1, cellphone: '2015550123' }, undefined, Date.now())
 */
export function ensureDevice(
  data: SandboxData,
  phone: Phone,
  email: string | undefined,
  nowMs: number
): { device: StoredVerifyDevice; installed: boolean } {
  const key = phoneKey(phone.countryCode, phone.cellphone)
  let device = data.verify.devices.find((d) => d.phone_key === key)
  const installed = !device
  if (!device) {
    device = {
      token: phonePageToken(),
      phone_key: key,
      country_code: phone.countryCode,
      cellphone: phone.cellphone,
      emails: [],
      created_at_ms: nowMs,
    }
    data.verify.devices.push(device)
    if (data.verify.devices.length > DEVICE_LIMIT) data.verify.devices.shift()
  }
  const address = email?.trim().toLowerCase()
  if (address && !device.emails.includes(address)) device.emails.push(address)
  return { device, installed }
}

/**
 * The phone whose page has this token, or undefined.
 *
 * @example
 * findDeviceByToken(data, token)?.phone_key
 */
export function findDeviceByToken(
  data: SandboxData,
  token: string
): StoredVerifyDevice | undefined {
  return data.verify.devices.find((d) => d.token === token)
}

/**
 * The phone with the Verify Push app for a number, or undefined.
 *
 * @example
 * findDeviceByPhone(data, { countryCode: 1, cellphone: '2015550123' })
 */
export function findDeviceByPhone(data: SandboxData, phone: Phone): StoredVerifyDevice | undefined {
  const key = phoneKey(phone.countryCode, phone.cellphone)
  return data.verify.devices.find((d) => d.phone_key === key)
}

/**
 * The push factors a phone's app holds.
 *
 * @example
 * pushFactorsOf(data, device).length
 */
export function pushFactorsOf(data: SandboxData, device: StoredVerifyDevice): StoredFactor[] {
  return data.verify.factors.filter((f) => f.device_token === device.token)
}

/**
 * The TOTP factors a phone shows codes for: those of the Entities whose push factors it holds (as
 * if the user had scanned each one's QR code into an authenticator app on that phone).
 *
 * @example
 * totpFactorsOf(data, device).map((f) => f.friendly_name)
 */
export function totpFactorsOf(data: SandboxData, device: StoredVerifyDevice): StoredFactor[] {
  const entities = new Set(pushFactorsOf(data, device).map((f) => f.entity_sid))
  return data.verify.factors.filter((f) => f.factor_type === 'totp' && entities.has(f.entity_sid))
}

/**
 * The push challenges a phone's app shows: those of the factors it holds, newest first.
 *
 * @example
 * challengesOnDevice(data, device).filter((c) => c.status === 'pending')
 */
export function challengesOnDevice(
  data: SandboxData,
  device: StoredVerifyDevice
): StoredChallenge[] {
  const factors = new Set(pushFactorsOf(data, device).map((f) => f.sid))
  return data.verify.challenges.filter((c) => factors.has(c.factor_sid)).reverse()
}

/**
 * The inboxes of the phones an Entity's push factors are on (to tell their pages something
 * changed).
 *
 * @example
 * for (const key of phoneKeysOfEntity(data, entity.sid)) events.emit({ phoneKey: key })
 */
export function phoneKeysOfEntity(data: SandboxData, entitySid: string): string[] {
  const tokens = new Set(
    data.verify.factors
      .filter((f) => f.entity_sid === entitySid && f.device_token !== null)
      .map((f) => f.device_token)
  )
  return data.verify.devices.filter((d) => tokens.has(d.token)).map((d) => d.phone_key)
}

/**
 * The full link to a phone's Verify Push page.
 *
 * @example
 * devicePageUrl(ctx, device) // 'http://192.168.1.20:4200/phone/verify/q3V0x...'
 */
export function devicePageUrl(
  ctx: Pick<SandboxContext, 'publicUrl'>,
  device: StoredVerifyDevice
): string {
  return phoneUrl(ctx, `verify/${device.token}`)
}
