// Loaded with `--import` into a benchmarked process started with an IPC channel and --expose-gc:
// answers the message `rss` with the process's resident memory after two full collections.
process.on('message', (message) => {
  if (message !== 'rss') return
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  const usage = process.memoryUsage()
  if (process.env.BENCH_MEMORY_DETAIL) console.error(JSON.stringify(Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, Math.round(v / 1048576)]))))
  process.send?.({ rss: usage.rss, collected: Boolean(gc) })
})
