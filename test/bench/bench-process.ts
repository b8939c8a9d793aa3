// The benchmark's servers, each in a process of its own (serve-for-bench.ts), so that none shares
// a thread with the load or with another.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { onServerCore } from './cpu-pinning.js'

const SCRIPT = fileURLToPath(new URL('./serve-for-bench.ts', import.meta.url))

/** A server process and the JSON line it printed once listening. */
export interface BenchServer<T> {
  child: ChildProcess
  info: T
  /** Its resident memory (bytes) after two forced full collections (started with `gc`). */
  rss(): Promise<number>
  stop(): Promise<void>
}

/**
 * Starts `serve-for-bench.ts <args>` and waits for its line.
 *
 * @example
 * const bank = await startBenchServer<{ url: string }>(['bank', dataDir], { gc: true })
 */
export async function startBenchServer<T>(
  args: string[],
  options: {
    gc?: boolean
    nodeArgs?: string[]
    /** On the servers' core, away from the load generator (cpu-pinning.ts). */
    serverCore?: boolean
  } = {}
): Promise<BenchServer<T>> {
  const flags = [...(options.gc ? ['--expose-gc'] : []), ...(options.nodeArgs ?? [])]
  const node: [string, string[]] = [process.execPath, [...flags, '--import', 'tsx', SCRIPT, ...args]]
  const [command, commandArgs] = options.serverCore ? onServerCore(...node) : node
  const child = spawn(command, commandArgs, {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const exited = once(child, 'exit')
  const first = await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line') as Promise<[string]>,
    exited.then(() => undefined),
  ])
  if (!first) throw new Error(`serve-for-bench.ts ${args.join(' ')} stopped before it was ready`)
  return {
    child,
    info: JSON.parse(first[0]) as T,
    async rss() {
      child.send('rss')
      const [answer] = (await once(child, 'message')) as [{ rss: number; collected: boolean }]
      if (!answer.collected) throw new Error('Start the server with { gc: true } to measure it.')
      return answer.rss
    },
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await exited
    },
  }
}
