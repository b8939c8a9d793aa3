import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { request } from 'undici'
import type { Environment } from '../bank/process/env-file.js'
import { MAX_NAME_LENGTH, PROGRESS_PATH } from '../bank/forms/progress-report.js'

/** Where the checker reports progress, and as whom. */
export interface RoomSettings {
  /** The presenter's bank, e.g. `http://192.168.1.20:4000`. */
  url: string
  name: string
  code: string
}

/** What the command line gave (`--room`, `--name`, `--code`). */
export interface RoomFlags {
  room?: string | undefined
  name?: string | undefined
  code?: string | undefined
}

/** How reading the room settings ended. */
export type RoomSettingsRead =
  /** No `--room` and no `ROOM_URL`: nothing is sent. */
  | { kind: 'off' }
  | { kind: 'ready'; settings: RoomSettings }
  /** Everything but the room code: ask for it (once; it is kept in `.env`). */
  | { kind: 'ask-code'; url: string; name: string }
  | { kind: 'problem'; message: string }

/**
 * The room settings from the command line, else from `ROOM_URL`, `ROOM_NAME` and `ROOM_CODE` (the
 * environment or `.env`). Reporting is opt-in: without a room address nothing is sent.
 *
 * @example
 * readRoomSettings({ room: 'http://192.168.1.20:4000', name: 'Ada' }, env) // { kind: 'ask-code', … }
 */
export function readRoomSettings(flags: RoomFlags, env: Environment): RoomSettingsRead {
  const url = flags.room ?? env.ROOM_URL
  if (url === undefined) return { kind: 'off' }
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    // Reported below.
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return {
      kind: 'problem',
      message: `The room address ${JSON.stringify(url)} is not a web address: give the one on the presenter's screen, e.g. --room http://192.168.1.20:4000`,
    }
  }
  const name = (flags.name ?? env.ROOM_NAME ?? '').trim()
  if (name === '' || name.length > MAX_NAME_LENGTH || /\p{Cc}/u.test(name)) {
    return {
      kind: 'problem',
      message: `Give your name as the room should see it, 1 to ${MAX_NAME_LENGTH} characters: --name "Ada" (or ROOM_NAME in .env).`,
    }
  }
  const code = (flags.code ?? env.ROOM_CODE ?? '').trim()
  const base = parsed.origin
  if (code === '') return { kind: 'ask-code', url: base, name }
  return { kind: 'ready', settings: { url: base, name, code } }
}

/**
 * The sentence that says what the checker sends and where: shown the first time for each room
 * address (remembered in `.data/room-announced.json`), undefined after.
 *
 * @example
 * const once = announceOnce(settings, '/work/main/.data')
 * if (once) console.log(once)
 */
export function announceOnce(settings: RoomSettings, dataDir: string): string | undefined {
  const file = join(dataDir, 'room-announced.json')
  let announced: string[] = []
  try {
    const kept: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (Array.isArray(kept)) announced = kept.filter((item) => typeof item === 'string')
  } catch {
    // Never announced.
  }
  if (announced.includes(settings.url)) return undefined
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify([...announced, settings.url])}\n`)
  } catch {
    // Then it is said again next time: no harm.
  }
  return (
    `Room: after each check, your name (${settings.name}), the room code and the numbers of the ` +
    `steps that pass go to ${settings.url}${PROGRESS_PATH}. Nothing else: none of your code, ` +
    'no file paths, no errors. ' +
    'Without --room and ROOM_URL nothing is sent.'
  )
}

/**
 * Sends the steps that pass to the room; resolves to the line to print (what happened and, if
 * it failed, what to do). Never throws: the room is a convenience, the checks stand on their own.
 *
 * @example
 * console.log(await reportProgress(settings, [1, 2]))
 */
export async function reportProgress(settings: RoomSettings, stepsDone: number[]): Promise<string> {
  const where = `${settings.url}${PROGRESS_PATH}`
  let status: number
  let message: string | undefined
  try {
    const response = await request(where, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: settings.code, name: settings.name, steps_done: stepsDone }),
      headersTimeout: 5000,
      bodyTimeout: 5000,
    })
    status = response.statusCode
    const text = await response.body.text()
    try {
      message = (JSON.parse(text) as { message?: string }).message
    } catch {
      message = undefined
    }
  } catch (error) {
    return (
      `Room: ${settings.url} could not be reached (${(error as Error).message}). Is the presenter's ` +
      'app running, and is this computer on the same network? Your checks are not affected.'
    )
  }
  const steps = stepsDone.length === 0 ? 'no step done yet' : `steps done: ${stepsDone.join(', ')}`
  if (status === 200) return `Room: sent to ${settings.url} as ${settings.name} (${steps}).`
  if (status === 403) {
    return `Room: the room code ${settings.code} was refused. Check the code on the presenter's screen, then fix ROOM_CODE in .env (or give --code).`
  }
  if (status === 404) {
    return `Room: ${settings.url} has no room view. Check the address on the presenter's screen (ROOM_URL in .env, or --room).`
  }
  return `Room: not sent (${status}): ${message ?? 'the room answered in a way the checker cannot read'}`
}
