// Loaded with `--import` into a benchmarked process started with an IPC channel and --expose-gc:
// answers the message `rss` with the process's resident memory after full collections and a
// second to settle (V8 hands freed pages back on a background thread: measured at once, a
// collection seems to free 30 to 40 MB less after a busy hour).
// BENCH_MEMORY_DETAIL=1 also prints V8's figures and Linux's split of resident memory.
import { readFileSync } from 'node:fs'

const SETTLE_MS = 1000

// The benchmark that started this process has gone (stopped, or killed): so does this process.
process.on('disconnect', () => process.exit(0))

process.on('message', async (message) => {
  if (message !== 'rss') return
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  gc?.()
  const usage = process.memoryUsage()
  if (process.env.BENCH_MEMORY_DETAIL) {
    const mb = Object.entries(usage).map(([name, bytes]) => `${name} ${Math.round(bytes / 2 ** 20)}`)
    const linux = readFileSync('/proc/self/status', 'utf8').match(/Rss\w+:\s+\d+ kB/g) ?? []
    console.error(`${mb.join(', ')} MB; ${linux.join(', ')}`)
  }
  process.send?.({ rss: usage.rss, collected: Boolean(gc) })
})
