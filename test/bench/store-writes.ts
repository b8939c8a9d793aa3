// What one write to the bank's store costs, in a bank of 1,000, 10,000 and 50,000 stored
// transfers (20 a user, as a presenter's folder fills room after room): a transfer stored, then
// decided, each awaited until it is on disk. Beside it, what writing the whole bank as one file
// cost (bank.json of version 2, every write until now). In this process: it is the store's
// figure, not a server's. Bounded: a fixed number of writes at each size.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { openBankStore, type BankStore } from '../../shared/bank/store/store.js'
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
 * Measures the store's writes at each size. The banks are all opened first, then written in
 * turns (one write to each, again and again), so that whatever else the disk is doing (the
 * write-back of a split, another process) weighs on every size alike.
 *
 * @example
 * const figures = await benchStoreWrites({ sizes: [1000, 50_000], writes: 200 })
 */
export async function benchStoreWrites(plan: {
  sizes: number[]
  writes: number
}): Promise<StoreWriteFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'))
  const banks: OpenedBank[] = []
  try {
    for (const transfers of plan.sizes) banks.push(await openBank(dir, transfers))
    // The split's thousands of new files on disk first: their write-back would slow the
    // directories of the big banks for a while, which a bank in use never sees.
    spawnSync('sync')
    const times = banks.map(() => [] as number[])
    for (let n = 0; n < plan.writes; n++) {
      for (const [index, bank] of banks.entries()) {
        const started = performance.now()
        await writeOnce(bank, n)
        times[index]!.push(performance.now() - started)
      }
    }
    return banks.map((bank, index) => ({ ...bank.figures, writeMs: median(times[index]!) }))
  } finally {
    for (const bank of banks) await bank.store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

interface OpenedBank {
  store: BankStore
  userIds: string[]
  figures: Omit<StoreWriteFigures, 'writeMs'>
}

// A version 2 bank.json of that size, the whole file's write timed, then split and opened.
async function openBank(dir: string, transfers: number): Promise<OpenedBank> {
  const users = Math.ceil(transfers / TRANSFERS_PER_USER)
  const bank = aVersionTwoBank({ users, transfersPerUser: TRANSFERS_PER_USER, decidedOnly: true })
  const folder = join(dir, String(transfers))
  mkdirSync(folder)
  const file = join(folder, 'bank.json')
  writeFileSync(file, JSON.stringify(bank))

  const wholeFile = new Low<typeof bank>(new JSONFile(join(folder, 'whole-bank.json')), bank)
  const wholeFileMs = median(await timeEach(20, () => wholeFile.write()))

  const splitStarted = performance.now()
  await (await openBankStore({ file })).close()
  const splitMs = performance.now() - splitStarted
  const openStarted = performance.now()
  const store = await openBankStore({ file })
  const openMs = performance.now() - openStarted
  return {
    store,
    userIds: bank.users.map((user) => user.id),
    figures: { transfers, openMs, splitMs, wholeFileMs },
  }
}

/** Users written to in every bank (those of the smallest), so the files written are alike. */
const WRITTEN_USERS = 50

// Write number n: even ones store a transfer, odd ones decide the one before (what each transfer
// costs), for the users in turn.
async function writeOnce(bank: OpenedBank, n: number): Promise<void> {
  const userId = bank.userIds[Math.floor(n / 2) % Math.min(WRITTEN_USERS, bank.userIds.length)]!
  if (n % 2 === 0) {
    const id = `bench-${n}`
    await bank.store.addTransfer(aTransfer({ id, userId, approvalUuid: `u-${id}` }))
  } else {
    await bank.store.saveStatus(`u-bench-${n - 1}`, 'approved')
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
