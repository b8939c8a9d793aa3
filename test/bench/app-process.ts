// The app as `npm start` runs it (`node --import tsx solution/server.ts`), and a bare tsx server
// as its baseline, each started in a process of its own on free ports and a fresh data folder:
// for cold start (start → first page) and resident memory (rss-probe.ts, with --expose-gc).
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SCRIPTS = {
  bank: join(ROOT, 'solution', 'server.ts'),
  bare: join(ROOT, 'test', 'bench', 'bare-tsx-server.ts'),
}
const RSS_PROBE = join(ROOT, 'test', 'bench', 'rss-probe.ts')
const START_DEADLINE_MS = 60_000

/** A started app: where it is, how long it took to answer its first page, its data folder. */
export interface AppProcess {
  url: string
  sandboxUrl: string
  dataDir: string
  /** From the spawn to the first 200 on `GET /`, in ms. */
  startMs: number
  /** Resident memory after two forced full collections (started with `measureMemory`). */
  rss(): Promise<number>
  stop(): Promise<void>
}

/**
 * Starts the bank (`npm start`) or the bare tsx server on free ports and a fresh data folder, and
 * waits for its first page.
 *
 * @example
 * const bank = await startApp('bank', { measureMemory: true })
 * console.log(bank.startMs, await bank.rss())
 */
export async function startApp(
  which: keyof typeof SCRIPTS,
  options: { measureMemory?: boolean } = {}
): Promise<AppProcess> {
  const [port, sandboxPort, twilioPort, verifyPort] = await freePorts(4)
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${which}-`))
  const flags = options.measureMemory
    ? ['--expose-gc', '--import', 'tsx', '--import', RSS_PROBE]
    : ['--import', 'tsx']
  const started = performance.now()
  const child = spawn(process.execPath, [...flags, SCRIPTS[which]], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_TWILIO_PORT: String(twilioPort),
      SANDBOX_VERIFY_PORT: String(verifyPort),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`
  try {
    await firstPage(url, child)
  } catch (error) {
    child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  const startMs = performance.now() - started
  return {
    url,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    dataDir,
    startMs,
    async rss() {
      child.send('rss')
      const [answer] = (await once(child, 'message')) as [{ rss: number }]
      return answer.rss
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function firstPage(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} stopped before its first page.`)
    try {
      const response = await request(`${url}/`)
      await response.body.dump()
      if (response.statusCode === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`${url} gave no first page within ${START_DEADLINE_MS / 1000} s.`)
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer()
      server.listen(0, '127.0.0.1')
      await once(server, 'listening')
      return server
    })
  )
  const ports = servers.map((server) => (server.address() as AddressInfo).port)
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  return ports
}
