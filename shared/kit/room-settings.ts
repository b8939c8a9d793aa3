import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readEnvFile, updateEnvFile, type Environment } from '../bank/process/env-file.js'
import type { JoinedApp } from '../sandbox/index.js'

/** What `npm run join` writes into `.env`, and `--leave` removes. */
export const ROOM_SETTINGS = [
  'AUTHY_API_URL',
  'AUTHY_API_KEY',
  'TWILIO_API_URL',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_FROM_NUMBER',
  'ROOM_URL',
  'ROOM_NAME',
  'ROOM_CODE',
] as const

/** Where the values those settings had before joining are kept, to put back on leaving. */
const BEFORE_FILE = 'env-before-join.json'

/**
 * The `.env` settings of a joined application: its Authy API and key, its Twilio credentials on
 * the room's sandbox (when it serves Twilio), and the room for the progress grid.
 *
 * @example
 * updateEnvFile('.env', joinedSettings(joined, { code: 'K7QX2M', name: 'Ada' }))
 */
export function joinedSettings(
  joined: JoinedApp,
  room: { code: string; name: string }
): Record<(typeof ROOM_SETTINGS)[number], string | undefined> {
  const twilio = joined.twilio_api_url && joined.twilio_account_sid && joined.twilio_auth_token
  return {
    AUTHY_API_URL: joined.api_url,
    AUTHY_API_KEY: joined.api_key,
    TWILIO_API_URL: twilio ? joined.twilio_api_url! : undefined,
    TWILIO_ACCOUNT_SID: twilio ? joined.twilio_account_sid! : undefined,
    TWILIO_AUTH_TOKEN: twilio ? joined.twilio_auth_token! : undefined,
    TWILIO_FROM_NUMBER: twilio ? (joined.twilio_from_number ?? undefined) : undefined,
    ROOM_URL: joined.room_url ?? undefined,
    ROOM_NAME: room.name,
    ROOM_CODE: room.code,
  }
}

/**
 * Keeps the values the room settings had in `.env` before the first join (a real Authy key, say),
 * in `.data/env-before-join.json`; joining again keeps the first copy.
 *
 * @example
 * rememberSettingsBefore(readEnvFile('.env'), '.data')
 */
export function rememberSettingsBefore(env: Environment, dataDir: string): void {
  const file = join(dataDir, BEFORE_FILE)
  try {
    readFileSync(file)
    return
  } catch {
    // Not joined yet: keep what is there now.
  }
  const before = Object.fromEntries(ROOM_SETTINGS.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]))
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, `${JSON.stringify(before, null, 2)}\n`, { mode: 0o600 })
}

/**
 * Undoes joining: removes the room settings from `.env` and puts back what they were before.
 * Resolves to the sentence saying what it did.
 *
 * @example
 * console.log(leaveRoom('.env', '.data'))
 */
export function leaveRoom(envFile: string, dataDir: string): string {
  const file = join(dataDir, BEFORE_FILE)
  let before: Environment = {}
  try {
    before = JSON.parse(readFileSync(file, 'utf8')) as Environment
  } catch {
    // Nothing kept: the settings just go.
  }
  const env = readEnvFile(envFile)
  const present = ROOM_SETTINGS.filter((name) => env[name] !== undefined)
  updateEnvFile(envFile, Object.fromEntries(ROOM_SETTINGS.map((name) => [name, before[name]])))
  rmSync(file, { force: true })
  const restored = Object.keys(before)
  if (present.length === 0 && restored.length === 0) {
    return 'Not in a room: .env has no room settings. Nothing changed.'
  }
  return [
    `Left the room: removed ${present.join(', ')} from .env.`,
    restored.length > 0 ? `Put back what you had before joining: ${restored.join(', ')}.` : '',
    '`npm run workshop` uses its own sandbox again (restart it if it is running).',
  ]
    .filter(Boolean)
    .join('\n')
}
