import { constantTimeEqual } from '../../../authy/signature.js'
import { addAppKey } from '../app-keys.js'
import { addRoomApp, isRoomApp } from '../apps.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { StoredApp } from '../store-schema.js'
import { addTwilioAccount, twilioAccountOfApp } from '../twilio/accounts.js'
import type { Room } from './room.js'
import { badRoomField, roomFull, wrongRoomCode } from './room-errors.js'
import { bankName, roomNameKey, roomNameProblem } from './room-names.js'
import type { JoinAnswer } from './room-schemas.js'

/** What `POST /room/join` looks like, for messages. */
export const JOIN_EXAMPLE = '{"code": "K7Q2XD", "name": "Ada"}'

/**
 * An attendee joins the room: `body` must hold the room's `code` (compared in constant time) and
 * a `name` (trimmed, 1 to 40 characters, no control characters). A name that joined before, in
 * any case, gets its application back (`created: false`); a new one gets a new application,
 * "<name>'s bank", with its own API key and Twilio account, unless the room is full. Throws a
 * `RoomErrorAnswer`: 400 naming the field, 403 for a wrong code, 409 for a full room.
 *
 * @example
 * const { app, created } = await joinRoom(ctx, room, { code: 'K7Q2XD', name: 'Ada' })
 */
export async function joinRoom(
  ctx: SandboxContext,
  room: Room,
  body: Record<string, unknown>
): Promise<{ app: StoredApp; created: boolean }> {
  const { code, name } = joinFields(body)
  if (!constantTimeEqual(room.code, code)) throw wrongRoomCode()
  const data = ctx.store.data
  const key = roomNameKey(name)
  const existing = data.apps.find(
    (app) => app.room_name !== null && roomNameKey(app.room_name) === key
  )
  if (existing) {
    ctx.log(`${existing.name} joined the room again.`)
    return { app: existing, created: false }
  }
  const joined = data.apps.filter(isRoomApp).length
  if (joined >= room.maxApps) throw roomFull(room.maxApps)
  const app = addRoomApp(data, { roomName: name, name: bankName(name) }, ctx.now())
  addAppKey(ctx.appKeys, app)
  if (ctx.twilioAccounts) addTwilioAccount(ctx.twilioAccounts, app)
  await ctx.store.save()
  ctx.log(`${app.name} joined the room (${joined + 1} of at most ${room.maxApps} applications).`)
  return { app, created: true }
}

/**
 * What `POST /room/join` answers for an application: the sandbox's addresses as other computers
 * reach them, and the application's credentials.
 *
 * @example
 * jsonResponse(joinAnswer(ctx, app), created ? 201 : 200)
 */
export function joinAnswer(ctx: SandboxContext, app: StoredApp): JoinAnswer {
  const twilioUrl = ctx.twilioPublicUrl()
  const account =
    twilioUrl && ctx.twilioAccounts ? twilioAccountOfApp(ctx.twilioAccounts, app) : undefined
  return {
    api_url: ctx.publicUrl().replace(/\/+$/, ''),
    api_key: app.api_key ?? ctx.apiKey,
    app_name: app.name,
    twilio_api_url: account ? twilioUrl!.replace(/\/+$/, '') : null,
    twilio_account_sid: account?.accountSid ?? null,
    twilio_auth_token: account?.authToken ?? null,
    twilio_api_key_sid: account?.apiKey.sid ?? null,
    twilio_api_key_secret: account?.apiKey.secret ?? null,
    twilio_from_number: account?.fromNumbers[0] ?? null,
    room_url: ctx.room?.progressUrl ?? null,
  }
}

function joinFields(body: Record<string, unknown>): { code: string; name: string } {
  const { code, name } = body
  if (code === undefined || code === null || code === '')
    throw badRoomField('code', `code is required: the room code on the presenter's screen`)
  if (typeof code !== 'string') throw badRoomField('code', 'code must be a string, e.g. "K7Q2XD"')
  if (name === undefined || name === null)
    throw badRoomField('name', 'name is required: your first name, e.g. "Ada"')
  if (typeof name !== 'string') throw badRoomField('name', 'name must be a string, e.g. "Ada"')
  const trimmed = name.trim()
  const problem = roomNameProblem(trimmed)
  if (problem) throw badRoomField('name', problem)
  return { code, name: trimmed }
}
