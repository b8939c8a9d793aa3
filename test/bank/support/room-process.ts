// A room as presenters run it: `npm start -- --room` as a second process, and attendees who join
// it with `npm run join` and run their own app against it.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readEnvFile } from '../../../shared/bank/process/env-file.js'
import { createSandboxControl, type SandboxControl } from '../../../shared/sandbox/index.js'
import type { StepNumber } from '../../../shared/steps/contracts.js'
import { SOLUTION_STEPS, startTestBank, stepFiles, tempDataDir, type TestBank } from './bank-harness.js'
import { freePort, startBankProcess, type BankProcess } from './bank-process.js'
import { httpTransport, Visitor } from './visitor.js'
import { ROOT } from './bank-harness.js'

/** The presenter's app running a room, and what attendees need of it. */
export interface Room {
  process: BankProcess
  dataDir: string
  ports: { app: number; sandbox: number; twilio: number }
  code: string
  /** The room's sandbox on this computer (the control API answers only here). */
  sandboxUrl: string
  /** The presenter's own control of the room's sandbox: it reads every phone's inbox. */
  control: SandboxControl
  /** Starts the room again on the same ports and data folder (after `stop`). */
  restart(): Promise<void>
  /** Ctrl+C, and waits until the ports are free. */
  stop(): Promise<void>
  /** Stops it and removes its data folder. */
  close(): Promise<void>
}

/**
 * Starts `npm start -- --room` as its own process on free ports and a fresh data folder.
 *
 * @example
 * const room = await startRoom()
 * await joinRoom(room, 'Ada')
 */
export async function startRoom(): Promise<Room> {
  // Its own folder, not the harness's: the room outlives the banks each test closes.
  const dataDir = mkdtempSync(join(tmpdir(), 'room-test-'))
  const ports = { app: await freePort(), sandbox: await freePort(), twilio: await freePort() }
  const start = async () => {
    const started = startBankProcess({
      args: ['--room'],
      env: {
        PORT: String(ports.app),
        SANDBOX_PORT: String(ports.sandbox),
        SANDBOX_TWILIO_PORT: String(ports.twilio),
        DATA_DIR: dataDir,
      },
      killAfterMs: 120_000,
    })
    await started.ready
    return started
  }
  const room: Room = {
    process: await start(),
    dataDir,
    ports,
    code: readFileSync(join(dataDir, 'room-code'), 'utf8').trim(),
    sandboxUrl: `http://127.0.0.1:${ports.sandbox}`,
    control: createSandboxControl({
      url: `http://127.0.0.1:${ports.sandbox}`,
      apiKey: readFileSync(join(dataDir, 'sandbox-api-key'), 'utf8').trim(),
    }),
    async restart() {
      room.process = await start()
    },
    async stop() {
      if (room.process.child.exitCode === null && room.process.child.signalCode === null) {
        room.process.child.kill('SIGINT')
      }
      await room.process.exited
    },
    async close() {
      await room.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return room
}

/**
 * Runs `npm run join` as an attendee would, into a `.env` of its own; resolves to what it printed
 * and the settings it wrote.
 *
 * @example
 * const { env } = await joinRoom(room, 'Ada')
 */
export async function joinRoom(
  room: Pick<Room, 'sandboxUrl' | 'code'>,
  name: string,
  code = room.code
): Promise<{ status: number | null; output: string; envFile: string; env: Record<string, string | undefined> }> {
  const envFile = join(tempDataDir(), '.env')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'shared/kit/join-cli.ts', room.sandboxUrl, code, '--name', name, '--env-path', envFile],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { status, output, envFile, env: readEnvFile(envFile) }
}

/**
 * An attendee's workshop app, every step written, configured by the `.env` that `npm run join`
 * wrote (plus `extra`), with a visitor whose phone is the room's.
 *
 * @example
 * const { bank, visitor } = await attendeeApp(room, joined.env)
 */
export async function attendeeApp(
  room: Pick<Room, 'control'>,
  env: Record<string, string | undefined>,
  extra: Record<string, string> = {}
): Promise<{ bank: TestBank; visitor: () => Visitor }> {
  const all = Object.fromEntries(
    ([1, 2, 3, 4, 5, 6, 7, 8] as StepNumber[]).map((step) => [step, 'solution' as const])
  )
  const bank = await startTestBank({
    variant: 'workshop',
    rootDir: stepFiles(all),
    steps: SOLUTION_STEPS,
    env: { ...env, ...extra } as Record<string, string>,
    authyClient: { timeoutMs: 2000, retries: 0 },
  })
  return { bank, visitor: () => new Visitor(bank.url, httpTransport, room.control) }
}
