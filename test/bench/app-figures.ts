// Cold start to the first page, and resident memory, of the app as `npm start` runs it, each
// beside a bare tsx server's. Memory: idle, then after learners sent (and approved) transfers,
// each time after two forced full collections (--expose-gc). Bounded: a fixed number of starts,
// of transfers, and each transfer waited for at most 20 s.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startApp } from './app-process.js'
import { benchBank, sendTransfer, signUp, untilShown, type BenchBank } from './bank-driver.js'
import { median } from './store-writes.js'

export interface ColdStartResult {
  bankMs: number
  bareMs: number
  runs: number
}

/**
 * Starts each `runs` times (after one start not counted, which fills tsx's cache) and gives the
 * medians.
 *
 * @example
 * const { bankMs, bareMs } = await benchColdStart({ runs: 3 })
 */
export async function benchColdStart(plan: { runs: number }): Promise<ColdStartResult> {
  const times = { bank: [] as number[], bare: [] as number[] }
  for (let run = 0; run <= plan.runs; run++) {
    for (const which of ['bare', 'bank'] as const) {
      const app = await startApp(which)
      await app.stop()
      if (run > 0) times[which].push(app.startMs)
    }
  }
  return { bankMs: median(times.bank), bareMs: median(times.bare), runs: plan.runs }
}

export interface MemoryResult {
  /** Resident memory, in bytes, each after forced collections. */
  bareIdle: number
  bankIdle: number
  bankAfter: number
  transfers: number
}

/** Learners sending transfers at once; each sends its share one after another. */
const LEARNERS = 20

/**
 * Measures the bank idle and after `transfers` approved transfers, and a bare tsx server idle.
 *
 * @example
 * const memory = await benchMemory({ transfers: 1000 })
 */
export async function benchMemory(plan: { transfers: number }): Promise<MemoryResult> {
  const bare = await startApp('bare', { measureMemory: true })
  const bareIdle = await bare.rss()
  await bare.stop()

  const app = await startApp('bank', { measureMemory: true })
  try {
    const bankIdle = await app.rss()
    const bank = benchBank({
      url: app.url,
      sandboxUrl: app.sandboxUrl,
      sandboxKey: readFileSync(join(app.dataDir, 'sandbox-api-key'), 'utf8').trim(),
    })
    const shares = Array.from({ length: LEARNERS }, (_, index) =>
      Math.floor(plan.transfers / LEARNERS) + (index < plan.transfers % LEARNERS ? 1 : 0)
    )
    await Promise.all(shares.map((share, index) => approveMany(bank, index, share)))
    const bankAfter = await app.rss()
    return { bareIdle, bankIdle, bankAfter, transfers: plan.transfers }
  } finally {
    await app.stop()
  }
}

async function approveMany(bank: BenchBank, index: number, count: number): Promise<void> {
  const learner = await signUp(bank, index)
  for (let i = 0; i < count; i++) {
    const { transferId, uuid } = await sendTransfer(bank, learner)
    await bank.control.approve(uuid)
    await untilShown(learner, transferId, 'approved')
  }
}
