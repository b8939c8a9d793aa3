// `npm run join -- http://<presenter>:4001 <room code> --name "Ada"`: an application of one's own
// in the room's sandbox, written into .env; `npm run join -- --leave` undoes it.
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { normalizeRoomCode } from '../bank/domain/room-code.js'
import { readEnvFile, updateEnvFile } from '../bank/process/env-file.js'
import { createRoomClient, RoomApiError } from '../sandbox/index.js'
import { joinedSettings, leaveRoom, ROOM_SETTINGS, rememberSettingsBefore } from './room-settings.js'
import { REPO_ROOT } from './target.js'

const USAGE = `Usage: npm run join -- <room address> <room code> --name "Your name"
       npm run join -- --leave
  <room address>  the sandbox address on the presenter's screen, e.g. http://192.168.1.20:4001
  <room code>     the room code on the presenter's screen
  --name          your name as the room sees it (1 to 40 characters)
  --leave         go back to your own sandbox: removes what joining wrote into .env`

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse()
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  const { values, positionals } = parsed
  const envFile = values['env-path'] ?? join(REPO_ROOT, '.env')
  const dataDir = join(dirname(envFile), '.data')

  if (values.leave) {
    console.log(leaveRoom(envFile, dataDir))
    return
  }
  const [url, typedCode] = positionals
  const code = typedCode && normalizeRoomCode(typedCode)
  const name = values.name?.trim() ?? ''
  if (!url || !code || positionals.length > 2) {
    console.error(`Give the room's address and its code, both on the presenter's screen.\n\n${USAGE}`)
    process.exit(2)
  }
  if (!/^https?:\/\/[^/\s]+/.test(url)) {
    console.error(
      `${JSON.stringify(url)} is not a web address: give the one on the presenter's screen, e.g. http://192.168.1.20:4001`
    )
    process.exit(2)
  }
  if (name === '' || name.length > 40) {
    console.error(`Give your name as the room should see it, 1 to 40 characters: --name "Ada".\n\n${USAGE}`)
    process.exit(2)
  }

  let joined: Awaited<ReturnType<ReturnType<typeof createRoomClient>['join']>>
  try {
    joined = await createRoomClient(url).join(code, name)
  } catch (error) {
    console.error(joinProblem(error, url, code))
    process.exit(1)
  }

  const settings = joinedSettings(joined, { code, name })
  rememberSettingsBefore(readEnvFile(envFile), dataDir)
  updateEnvFile(envFile, settings)
  const written = ROOM_SETTINGS.filter((variable) => settings[variable] !== undefined)
  console.log(
    [
      `Joined the room as "${joined.app_name}"${joined.created ? '' : ' (your application from before)'}.`,
      `Wrote into .env: ${written.join(', ')}.`,
      `From now on \`npm run workshop\` talks to the room's sandbox at ${joined.api_url}: the phone`,
      "pages are on the presenter's address, so a phone on the room's Wi-Fi can open them.",
      '`npm run check` keeps checking your steps against its own fresh sandbox, and sends your',
      settings.ROOM_URL
        ? `progress (your name and the steps that pass) to ${settings.ROOM_URL}.`
        : 'results nowhere.',
      'Restart `npm run workshop` if it is running. To undo: npm run join -- --leave',
    ].join('\n')
  )
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      leave: { type: 'boolean' },
      // Tests and tools: another .env than the repository's.
      'env-path': { type: 'string' },
    },
  })
}

// What went wrong, and what to do about it.
function joinProblem(error: unknown, url: string, code: string): string {
  if (!(error instanceof RoomApiError)) return `Could not join: ${(error as Error).message}`
  switch (error.status) {
    case 0:
      return (
        `${error.message}\nIs the presenter's app running with \`npm start -- --room\`, and is this ` +
        `computer on the same Wi-Fi? Check the address (${url}) on the presenter's screen.`
      )
    case 403:
      return `The room code ${code} was refused: check it on the presenter's screen and run the command again.`
    case 404:
      return `${url} runs no room: ${error.message}`
    case 429:
      return `${error.message} Try again in ${error.retryAfterSeconds ?? 60} seconds.`
    default:
      return `Could not join (${error.status}): ${error.message}`
  }
}

await main()
