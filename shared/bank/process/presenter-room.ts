import { join } from 'node:path'
import { networkUrl } from '../../runtime/hosts.js'
import { loadKeptSecret } from '../../runtime/kept-secret.js'
import type { PresenterDeps } from '../bank-deps.js'
import type { RoomApps } from '../domain/room-apps.js'
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
 * const presenter = await openPresenterRoom({ config, roomCode, port: 4000, clock, wrongCodesFrom, log })
 * console.log(`${url}/presenter?key=${presenter.key}`)
 */
export async function openPresenterRoom(input: {
  config: BankConfig
  roomCode: string
  /** The applications of the room the sandbox runs (`npm start -- --room`). */
  roomApps?: RoomApps | undefined
  /** Where attendees join that room's sandbox. */
  roomSandboxUrl?: string | undefined
  /** The bank's port; 0 in process (no address for learners then). */
  port: number
  clock: Clock
  wrongCodesFrom: AttemptLimiter
  log: (line: string) => void
}): Promise<PresenterDeps> {
  const { config } = input
  const { roomCode } = input
  const file = await openProgressFile(join(config.dataDir, 'room-progress.json'))
  if (file.setAside) input.log(file.setAside)
  return {
    key: loadKeptSecret({
      dataDir: config.dataDir,
      file: PRESENTER_KEY_FILE,
      fromEnv: undefined,
      variable: undefined,
    }),
    roomCode,
    progress: createRoomProgress({
      roomCode,
      file,
      clock: input.clock,
      wrongCodesFrom: input.wrongCodesFrom,
    }),
    joinUrl: networkUrl(config.host, input.port),
    demoPhone: config.presenterPhone,
    roomApps: input.roomApps,
    roomSandboxUrl: input.roomSandboxUrl,
  }
}

/**
 * The data folder's room code: made on the first start, kept in `room-code` after (delete the
 * file for a new one). The room view shows it; progress reports and joining the room need it.
 *
 * @example
 * loadRoomCode('.data/solution') // 'K7QX2M'
 */
export function loadRoomCode(dataDir: string): string {
  return loadKeptSecret({
    dataDir,
    file: ROOM_CODE_FILE,
    fromEnv: undefined,
    variable: undefined,
    generate: newRoomCode,
    minLength: ROOM_CODE_LENGTH,
  })
}
