// `npm run check`: checks each step of workshop/ (or --target solution) against a fresh sandbox.
// `--watch` checks again on every save (press Enter to check by hand when file events don't work).
import { spawn, type ChildProcess } from 'node:child_process'
import { watch } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createInterface as createPrompt } from 'node:readline/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  mergeEnvironments,
  readEnvFile,
  updateEnvFile,
} from '../bank/process/env-file.js'
import { formatReport } from './check-report.js'
import { announceOnce, readRoomSettings, reportProgress, type RoomSettings } from './room-report.js'
import { runChecks } from './run-checks.js'
import { REPO_ROOT, resolveTarget, type Target } from './target.js'
import { clearScreen } from './terminal.js'

const USAGE = `Usage: npm run check [-- --watch] [-- --target workshop|solution] [-- --all]
                     [-- --room URL --name "Your name" [--code CODE]]
  --watch            check again every time you save a step file
  --target solution  check the finished app instead of your workshop/
  --all              explain every step that is not done, not only the first
  --room URL         after each check, send your name and the steps that pass to the
                     presenter's room view (or set ROOM_URL, ROOM_NAME, ROOM_CODE in .env)`

interface CheckOptions {
  watch?: boolean
  target: string
  all?: boolean
  watching?: boolean
  room?: string
  name?: string
  code?: string
}

async function main(): Promise<void> {
  let options: CheckOptions
  try {
    const { values } = parseArgs({
      options: {
        watch: { type: 'boolean' },
        target: { type: 'string', default: 'workshop' },
        all: { type: 'boolean' },
        // Set by --watch on the checks it runs, so the report says saving checks again.
        watching: { type: 'boolean' },
        room: { type: 'string' },
        name: { type: 'string' },
        code: { type: 'string' },
      },
    })
    options = values as typeof options
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  let target: Target
  try {
    target = resolveTarget(options.target)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(2)
  }
  const room = await roomSettings(options)
  if (options.watch) watchAndCheck(target, Boolean(options.all), room)
  else await checkOnce(target, { all: options.all, watching: options.watching, room })
}

// The room to report to, if any: asks for the room code once (kept in .env) when it is missing.
async function roomSettings(options: CheckOptions): Promise<RoomSettings | undefined> {
  const envFile = join(REPO_ROOT, '.env')
  const read = readRoomSettings(options, mergeEnvironments(readEnvFile(envFile), process.env))
  switch (read.kind) {
    case 'off':
      return undefined
    case 'ready':
      return read.settings
    case 'problem':
      console.error(read.message)
      process.exit(2)
  }
  if (!process.stdin.isTTY) {
    console.error(
      "Give the room code with --code (it is on the presenter's screen), or set ROOM_CODE in .env."
    )
    process.exit(2)
  }
  const prompt = createPrompt({ input: process.stdin, output: process.stdout })
  const code = (await prompt.question("Room code (on the presenter's screen): ")).trim()
  prompt.close()
  if (code === '') {
    console.error('No room code given: nothing will be sent. Run the check again to give it.')
    process.exit(2)
  }
  updateEnvFile(envFile, { ROOM_CODE: code })
  console.log('Kept the room code in .env (ROOM_CODE): it is not asked for again.\n')
  return { url: read.url, name: read.name, code }
}

async function checkOnce(
  target: Target,
  options: { all?: boolean; watching?: boolean; room?: RoomSettings | undefined }
): Promise<void> {
  console.log(`Checking ${target.name}/ step by step against a fresh Authy sandbox…\n`)
  const results = await runChecks(target)
  console.log(formatReport(results, target, options))
  if (options.room) {
    const announcement = announceOnce(options.room, join(REPO_ROOT, '.data'))
    if (announcement) console.log(`\n${announcement}`)
    const done = results.filter((result) => result.passed).map((result) => result.step)
    console.log(`\n${await reportProgress(options.room, done)}`)
  }
  process.exit(results.every((result) => result.passed) ? 0 : 1)
}

function watchAndCheck(target: Target, all: boolean, room: RoomSettings | undefined): void {
  const stepsDir = `${target.dir}/steps`
  let child: ChildProcess | undefined
  let again = false

  const run = () => {
    if (child) {
      again = true
      return
    }
    // A fresh screen for each check, where the terminal wants one; elsewhere a blank line.
    process.stdout.write(clearScreen(process.stdout, process.env) || '\n')
    const args = [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--target',
      target.dir,
      '--watching',
    ]
    if (all) args.push('--all')
    if (room) args.push('--room', room.url, '--name', room.name, '--code', room.code)
    child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.on('exit', () => {
      child = undefined
      console.log(
        `\n👀 Watching ${target.name}/steps/: save a step file to check again, or press Enter. Ctrl+C to stop.`
      )
      if (again) {
        again = false
        run()
      }
    })
  }

  let timer: NodeJS.Timeout | undefined
  try {
    watch(stepsDir, () => {
      clearTimeout(timer)
      timer = setTimeout(run, 300)
    })
  } catch {
    console.log(
      'File changes cannot be watched on this machine: press Enter to check again after saving.'
    )
  }
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim().toLowerCase() === 'q') process.exit(0)
    run()
  })
  const stop = () => {
    child?.kill()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  run()
}

await main()
