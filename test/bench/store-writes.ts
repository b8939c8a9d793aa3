// What one write to the bank's store costs, in a bank of 1,000, 10,000 and 50,000 stored
// transfers (20 a user, as a presenter's folder fills room after room): a transfer stored, then
// decided, each awaited until it is on disk. Beside it, what writing the whole bank as one file
// cost (bank.json of version 2, every write until now). In this process: it is the store's
// figure, not a server's. Bounded: a fixed number of writes at each size.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { openBankStore } from '../../shared/bank/store/store.js'
import { aVersionTwoBank } from '../bank/support/bank-v2.js'
import { aTransfer } from '../bank/support/temp-store.js'

/** Transfers a user has in the banks measured. */
export const TRANSFERS_PER_USER = 20

export interface StoreWriteFigures {
  transfers: number
  /** Median of the writes (a transfer stored, a transfer decided), in ms. */
  writeMs: number
  /** Opening the bank in this layout (reading every user's file), in ms. */
  openMs: number
  /** Splitting bank.json of version 2 into the users' files, once, in ms. */
  splitMs: number
  /** Writing the whole bank as one file, as version 2 did on every write, in ms. */
  wholeFileMs: number
}

/**
 * Measures the store's writes at each size.
 *
 * @example
 * const figures = await benchStoreWrites({ sizes: [1000, 50_000], writes: 200 })
 */
export async function benchStoreWrites(plan: {
  sizes: number[]
  writes: number
}): Promise<StoreWriteFigures[]> {
  const figures: StoreWriteFigures[] = []
  for (const transfers of plan.sizes) figures.push(await measure(transfers, plan.writes))
  return figures
}

async function measure(transfers: number, writes: number): Promise<StoreWriteFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'))
  try {
    const users = Math.ceil(transfers / TRANSFERS_PER_USER)
    const bank = aVersionTwoBank({ users, transfersPerUser: TRANSFERS_PER_USER, decidedOnly: true })
    const file = join(dir, 'bank.json')
    writeFileSync(file, JSON.stringify(bank))

    const wholeFile = new Low<typeof bank>(new JSONFile(join(dir, 'whole-bank.json')), bank)
    const wholeFileMs = median(await timeEach(Math.min(writes, 20), () => wholeFile.write()))

    const splitStarted = performance.now()
    await (await openBankStore({ file })).close()
    const splitMs = performance.now() - splitStarted
    const openStarted = performance.now()
    const store = await openBankStore({ file })
    const openMs = performance.now() - openStarted

    let next = 0
    const times = await timeEach(writes, async () => {
      const n = next++
      const userId = bank.users[n % users]!.id
      const id = `bench-${n}`
      // Half the writes store a transfer, half decide one: what each transfer costs.
      if (n % 2 === 0) await store.addTransfer(aTransfer({ id, userId, approvalUuid: `u-${id}` }))
      else await store.saveStatus(`u-bench-${n - 1}`, 'approved')
    })
    await store.close()
    return { transfers, writeMs: median(times), openMs, splitMs, wholeFileMs }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function timeEach(count: number, task: () => Promise<void>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await task()
    times.push(performance.now() - started)
  }
  return times
}

/**
 * The middle value (the upper middle for an even count).
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
