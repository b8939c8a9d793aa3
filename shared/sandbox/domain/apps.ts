import { randomBytes } from 'node:crypto'
import type { ChangeEvents } from './change-events.js'
import { countStat } from './monthly-stats.js'
import { appRecord, type SandboxData, type StoredApp } from './store-schema.js'

/**
 * The sandbox's own application: the first, whose key is the sandbox's `apiKey` option (the
 * control API's key too). A sandbox without a room has only this one.
 *
 * @example
 * ownApp(store.data).name // 'Sandbox App'
 */
export function ownApp(data: SandboxData): StoredApp {
  return data.apps[0]!
}

/**
 * The application with this app id, if any.
 *
 * @example
 * findApp(store.data, request.app_id)?.name
 */
export function findApp(data: SandboxData, appId: number): StoredApp | undefined {
  return data.apps.find((app) => app.app_id === appId)
}

/**
 * The application a record (an approval request, a token…) belongs to. Applications are never
 * removed, so it is always there; the sandbox's own stands in if a hand-edited file says otherwise.
 *
 * @example
 * appOf(store.data, request).name // "Ada's bank"
 */
export function appOf(data: SandboxData, record: { app_id: number }): StoredApp {
  return findApp(data, record.app_id) ?? ownApp(data)
}

/**
 * Whether an attendee joined this application in a room (`POST /room/join`).
 *
 * @example
 * data.apps.filter(isRoomApp).length // how many attendees joined
 */
export function isRoomApp(app: StoredApp): boolean {
  return app.room_name !== null
}

/**
 * Whether this application registered the user (its key can reach them).
 *
 * @example
 * if (!appHasUser(app, 100001)) throw userNotFound()
 */
export function appHasUser(app: StoredApp, authyId: number): boolean {
  return app.authy_ids.includes(authyId)
}

/**
 * Records that an application registered a user; a user new to it counts in its `users_count`.
 * Returns true when the user was new to it.
 *
 * @example
 * addUserToApp(app, user.authy_id, Date.now())
 */
export function addUserToApp(app: StoredApp, authyId: number, nowMs: number): boolean {
  if (appHasUser(app, authyId)) return false
  app.authy_ids.push(authyId)
  countStat(app, nowMs, 'users_count')
  return true
}

/**
 * Takes a user away from an application. Returns the applications that still have the user.
 *
 * @example
 * if (removeUserFromApp(store.data, app, id).length === 0) removeUser(store.data, user)
 */
export function removeUserFromApp(
  data: SandboxData,
  app: StoredApp,
  authyId: number
): StoredApp[] {
  app.authy_ids = app.authy_ids.filter((id) => id !== authyId)
  return appsOfUser(data, authyId)
}

/**
 * Tells the open phone pages of an application's users that something they show changed (the
 * banner of its disabled callback).
 *
 * @example
 * tellUsersOf(ctx.events, app)
 */
export function tellUsersOf(events: ChangeEvents, app: StoredApp): void {
  for (const authyId of app.authy_ids) events.emit({ authyId })
}

/**
 * The applications that registered a user, the sandbox's own first.
 *
 * @example
 * appsOfUser(store.data, 100001).map((app) => app.name) // ['Sandbox App', "Ada's bank"]
 */
export function appsOfUser(data: SandboxData, authyId: number): StoredApp[] {
  return data.apps.filter((app) => appHasUser(app, authyId))
}

/**
 * Adds an application joined in a room: its own random API key (32 hex digits, as Authy's were)
 * and its own Twilio account (an Account SID and Auth Token for the sandbox's Twilio API), no
 * callback, SMS and calls on.
 *
 * @example
 * const app = addRoomApp(store.data, { roomName: 'Ada', name: "Ada's bank" }, Date.now())
 */
export function addRoomApp(
  data: SandboxData,
  input: { roomName: string; name: string },
  nowMs: number
): StoredApp {
  const app = appRecord(
    {
      appId: data.next_app_id++,
      name: input.name,
      apiKey: randomHex(32),
      roomName: input.roomName,
      twilio: { account_sid: `AC${randomHex(32)}`, auth_token: randomHex(32) },
    },
    nowMs
  )
  data.apps.push(app)
  return app
}

function randomHex(digits: number): string {
  return randomBytes(digits / 2).toString('hex')
}
