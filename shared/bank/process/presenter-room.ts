import { join } from 'node:path'
import { isLoopbackAddress, reachableUrls } from '../../runtime/hosts.js'
import { loadKeptSecret } from '../../runtime/kept-secret.js'
import type { PresenterDeps } from '../bank-deps.js'
import type { AttemptLimiter } from '../domain/attempt-limits.js'
import { newRoomCode, ROOM_CODE_LENGTH } from '../domain/room-code.js'
import { createRoomProgress } from '../domain/room-progress.js'
import { openProgressFile } from '../store/progress-file.js'
import type { Clock } from '../store/store.js'
import type { BankConfig } from './config.js'

/** The presenter key's file in the data folder. */
export const PRESENTER_KEY_FILE = 'presenter-key'
/** The room code's file in the data folder: delete it for a new code at the next start. */
export const ROOM_CODE_FILE = 'room-code'

/**
 * What the finished app's room view is built from: the data folder's presenter key and room code
 * (made on the first start, kept after), the attendees' progress (`room-progress.json`), the
 * address learners use, and the demo phone.
 *
 * @example
 * const presenter = await openPresenterRoom({ config, port: 4000, clock, wrongCodesFrom, log })
 * console.log(`${url}/presenter?key=${presenter.key}`)
 */
export async function openPresenterRoom(input: {
  config: BankConfig
  /** The bank's port; 0 in process (no address for learners then). */
  port: number
  clock: Clock
  wrongCodesFrom: AttemptLimiter
  log: (line: string) => void
}): Promise<PresenterDeps> {
  const { config } = input
  const keep = (file: string, more?: { generate: () => string; minLength: number }) =>
    loadKeptSecret({ dataDir: config.dataDir, file, fromEnv: undefined, variable: undefined, ...more })
  const roomCode = keep(ROOM_CODE_FILE, { generate: newRoomCode, minLength: ROOM_CODE_LENGTH })
  const file = await openProgressFile(join(config.dataDir, 'room-progress.json'))
  if (file.setAside) input.log(file.setAside)
  // A wildcard host with no network (no Wi-Fi) still means this computer only.
  const { publicUrl } = reachableUrls(config.host, input.port)
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '')
  const reachable = input.port !== 0 && !isLoopbackAddress(host) && host !== 'localhost'
  return {
    key: keep(PRESENTER_KEY_FILE),
    roomCode,
    progress: createRoomProgress({
      roomCode,
      file,
      clock: input.clock,
      wrongCodesFrom: input.wrongCodesFrom,
    }),
    joinUrl: reachable ? publicUrl : undefined,
    demoPhone: config.presenterPhone,
  }
}
