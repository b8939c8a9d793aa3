// Runs the bank as a real process, as `npm start` does, and watches what it prints.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ROOT } from './bank-harness.js'

/** How a bank process ended and everything it printed (stdout and stderr together). */
export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  output: string
}

export interface BankProcess {
  child: ChildProcess
  /** Everything printed so far. */
  output(): string
  /** Resolves once the banner's "Press Ctrl+C to stop." is out; rejects if it exits first. */
  ready: Promise<void>
  /** Resolves when the process exits. */
  exited: Promise<Run>
  /** Resolves once the output contains `text`; rejects if the process exits first. */
  printed(text: string): Promise<void>
}

export interface BankProcessOptions {
  /** The entry file, relative to the repository root. Default `solution/server.ts` (`npm start`). */
  entry?: string
  /** Arguments after the entry file, e.g. `['--room']`. */
  args?: string[]
  env?: Record<string, string>
  /** Extra spawn options, e.g. `uid` and `gid` to run as another user. */
  spawn?: Pick<SpawnOptions, 'uid' | 'gid'>
  /**
   * Kills the process with SIGKILL after this long, so a test that would otherwise hang fails
   * instead (its run then ends with signal SIGKILL). Default 30 s.
   */
  killAfterMs?: number
}

/** The fixture app whose step 3 misbehaves as `MISBEHAVE` says (test/bank/fixtures). */
export const MISBEHAVING_APP = 'test/bank/fixtures/misbehaving/workshop/server.ts'

const running = new Set<ChildProcess>()

/**
 * Starts a bank process with these variables over the current environment.
 *
 * @example
 * const bank = startBankProcess({ env: { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dir } })
 * await bank.ready
 * bank.child.kill('SIGINT')
 * expect((await bank.exited).code).toBe(0)
 */
export function startBankProcess(options: BankProcessOptions = {}): BankProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, options.entry ?? 'solution/server.ts'), ...(options.args ?? [])],
    {
      cwd: ROOT,
      // The sandbox's Twilio port on any free one, unless a test names it.
      env: { ...process.env, NODE_ENV: 'production', SANDBOX_TWILIO_PORT: '0',
        SANDBOX_VERIFY_PORT: '0',
        ...options.env },
      ...options.spawn,
    }
  )
  running.add(child)
  let output = ''
  const waiting = new Set<() => void>()
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    for (const check of waiting) check()
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000)
  const exited = new Promise<Run>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(killer)
      running.delete(child)
      for (const check of waiting) check()
      resolve({ code, signal, output })
    })
  })
  let ended = false
  void exited.then(() => (ended = true))
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.includes(text)) {
          waiting.delete(check)
          resolve()
        } else if (ended || child.exitCode !== null || child.signalCode !== null) {
          waiting.delete(check)
          reject(new Error(`The bank exited before printing "${text}". It printed:\n${output}`))
        }
      }
      waiting.add(check)
      check()
    })
  const ready = printed('Press Ctrl+C to stop.')
  // Awaited only by tests that need the bank running: a start-up failure is not unhandled.
  ready.catch(() => undefined)
  return {
    child,
    output: () => output,
    ready,
    exited,
    printed,
  }
}

/**
 * Kills every bank process still running: `afterEach(killBankProcesses)`.
 *
 * @example
 * afterEach(killBankProcesses)
 */
export async function killBankProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        })
    )
  )
}

/**
 * A port that was free a moment ago.
 *
 * @example
 * const port = await freePort()
 */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Can this process listen on the port (is it free)?
 *
 * @example
 * expect(await canListen(port)).toBe(true)
 */
export async function canListen(port: number): Promise<boolean> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** A stack trace line in a process's output. */
export const STACK_LINE = /\n\s+at /
