import { z } from 'zod'
import { addUserToApp, appHasUser, removeUserFromApp } from './apps.js'
import { epochSeconds } from './clock.js'
import { userNotFound } from './error-answers.js'
import { objectId, phonePageToken } from './identifiers.js'
import { maskForStatus } from './phone-numbers.js'
import type { SandboxData, StoredApp, StoredUser } from './store-schema.js'
import { newTotpSecret } from './totp.js'

/** The longest email address accepted (RFC 5321's limit for a path). */
export const MAX_EMAIL_LENGTH = 254
/** Email addresses remembered per user: the newest ones. */
export const MAX_EMAILS_PER_USER = 20

/** What registering a user needs, already validated. */
export interface NewUser {
  email: string
  cellphone: string
  countryCode: number
}

/**
 * Registers a user for an application, keyed by (country code, cellphone digits): the Authy id
 * belongs to the phone, so the same phone again, from this application or another, returns the
 * same user, with the new email added (and made current; only the {@link MAX_EMAILS_PER_USER}
 * newest are kept). From then on the application's key reaches the user. A new number has no
 * Authy app yet, as on the real service: the device waits for the app to be installed, which here
 * means opening the phone page ({@link installAppOnFirstOpen}) or the control API registering it.
 *
 * @example
 * const { user, created } = registerUser(store.data, app, {
 *   email, cellphone: '2015550123', countryCode: 1,
 * }, Date.now())
 */
export function registerUser(
  data: SandboxData,
  app: StoredApp,
  input: NewUser,
  nowMs: number
): { user: StoredUser; created: boolean } {
  const existing = findUserByPhone(data, input.countryCode, input.cellphone)
  if (existing) {
    changeEmail(existing, input.email)
    addUserToApp(app, existing.authy_id, nowMs)
    return { user: existing, created: false }
  }
  const user: StoredUser = {
    authy_id: data.next_authy_id++,
    object_id: objectId(nowMs),
    country_code: input.countryCode,
    cellphone: input.cellphone,
    email: input.email,
    emails: [input.email],
    phone_token: phonePageToken(),
    totp_secret: newTotpSecret(),
    confirmed: false,
    device: {
      id: data.next_device_id++,
      registered: false,
      awaiting_install: true,
      os_type: 'android',
      registration_date: epochSeconds(nowMs),
      last_sync_date: epochSeconds(nowMs),
    },
    created_at_ms: nowMs,
  }
  data.users.push(user)
  addUserToApp(app, user.authy_id, nowMs)
  return { user, created: true }
}

/**
 * Makes `email` the user's current address, and remembers it with the
 * {@link MAX_EMAILS_PER_USER} newest.
 *
 * @example
 * changeEmail(user, 'ada@example.com')
 */
export function changeEmail(user: StoredUser, email: string): void {
  user.emails = [...user.emails.filter((e) => e !== email), email].slice(-MAX_EMAILS_PER_USER)
  user.email = email
}

/**
 * The field error for an email address (`"is invalid"`, …), or null when it is a good one.
 *
 * @example
 * emailProblem('not-an-email') // 'is invalid'
 */
export function emailProblem(email: string): string | null {
  if (email === '') return "is invalid and can't be blank"
  if (email.length > MAX_EMAIL_LENGTH)
    return `is too long (maximum is ${MAX_EMAIL_LENGTH} characters)`
  return z.email().safeParse(email).success ? null : 'is invalid'
}

/**
 * The user with this Authy id (a number, or the digits from a path), if any.
 *
 * @example
 * findUserById(store.data, '100001')
 */
export function findUserById(data: SandboxData, id: number | string): StoredUser | undefined {
  const text = String(id)
  if (!/^\d{1,15}$/.test(text)) return undefined
  return data.users.find((user) => user.authy_id === Number(text))
}

/**
 * The user with the id from a path, or 404 / 60026 "User not found." (the control API: any user).
 *
 * @example
 * const user = userOr404(ctx.store.data, c.req.param('id'))
 */
export function userOr404(data: SandboxData, id: string): StoredUser {
  const user = findUserById(data, id)
  if (!user) throw userNotFound()
  return user
}

/**
 * The user with this id if the application registered them, else undefined: to an application,
 * another application's user is as unknown as an id nobody has.
 *
 * @example
 * findUserOfApp(store.data, app, c.req.param('id'))
 */
export function findUserOfApp(
  data: SandboxData,
  app: StoredApp,
  id: number | string
): StoredUser | undefined {
  const user = findUserById(data, id)
  return user && appHasUser(app, user.authy_id) ? user : undefined
}

/**
 * {@link findUserOfApp}, or 404 / 60026 "User not found." (the Authy API).
 *
 * @example
 * const user = appUserOr404(ctx.store.data, c.get('app'), c.req.param('id'))
 */
export function appUserOr404(data: SandboxData, app: StoredApp, id: string): StoredUser {
  const user = findUserOfApp(data, app, id)
  if (!user) throw userNotFound()
  return user
}

/**
 * The user registered with this phone, if any.
 *
 * @example
 * findUserByPhone(store.data, 1, '2015550123')
 */
export function findUserByPhone(
  data: SandboxData,
  countryCode: number,
  cellphone: string
): StoredUser | undefined {
  return data.users.find((u) => u.country_code === countryCode && u.cellphone === cellphone)
}

/**
 * The user whose phone page has this token, if any.
 *
 * @example
 * findUserByPhoneToken(store.data, c.req.param('token'))
 */
export function findUserByPhoneToken(data: SandboxData, token: string): StoredUser | undefined {
  return data.users.find((user) => user.phone_token === token)
}

/**
 * Gives a user the app (a registered device) or takes it away. A device registered again is
 * dated from now.
 *
 * @example
 * setDeviceRegistered(user, false, Date.now()) // no app tokens, no OneTouch
 */
export function setDeviceRegistered(user: StoredUser, registered: boolean, nowMs: number): void {
  if (registered && !user.device.registered) user.device.registration_date = epochSeconds(nowMs)
  user.device.registered = registered
  user.device.awaiting_install = false
}

/**
 * Opening a phone page for the first time is what installing the Authy app means in the sandbox:
 * a user still waiting for the app gets it. Returns true when this opening installed it (save).
 * A user whose app the control API took away does not get it back this way.
 *
 * @example
 * if (installAppOnFirstOpen(user, Date.now())) await store.save()
 */
export function installAppOnFirstOpen(user: StoredUser, nowMs: number): boolean {
  if (!user.device.awaiting_install) return false
  setDeviceRegistered(user, true, nowMs)
  return true
}

/**
 * Whether OneTouch requests can go to this user: they have the app, or it is not installed yet
 * (a push waits for the app to be installed).
 *
 * @example
 * if (!receivesPush(user)) throw noOneTouchDevice()
 */
export function receivesPush(user: StoredUser): boolean {
  return user.device.registered || user.device.awaiting_install
}

/**
 * Removes a user from an application (at once; the real service took about a day): its key no
 * longer reaches them, and its tokens for them are gone. A user no application has any more is
 * removed from the sandbox (their phone page with them). Their approval requests stay readable.
 *
 * @example
 * removeUser(store.data, app, user)
 */
export function removeUser(data: SandboxData, app: StoredApp, user: StoredUser): void {
  const stillWith = removeUserFromApp(data, app, user.authy_id)
  data.tokens = data.tokens.filter(
    (t) => t.authy_id !== user.authy_id || (stillWith.length > 0 && t.app_id !== app.app_id)
  )
  if (stillWith.length === 0) data.users = data.users.filter((u) => u.authy_id !== user.authy_id)
}

/**
 * The `status` object of `GET /protected/json/users/{id}/status`.
 *
 * @example
 * userStatus(user).registered // true while the user has the app
 */
export function userStatus(user: StoredUser) {
  const { device } = user
  return {
    authy_id: user.authy_id,
    confirmed: user.confirmed,
    registered: device.registered,
    country_code: user.country_code,
    phone_number: maskForStatus(user.cellphone),
    email: user.email,
    devices: device.registered ? [device.os_type] : [],
    has_hard_token: false,
    account_disabled: false,
    detailed_devices: device.registered
      ? [
          {
            device_type: 'authy',
            os_type: device.os_type,
            registration_device_id: null,
            registration_method: 'sms',
            device_id: device.id,
            last_sync_date: device.last_sync_date,
            creation_date: device.registration_date,
          },
        ]
      : [],
    deleted_devices: [],
  }
}
