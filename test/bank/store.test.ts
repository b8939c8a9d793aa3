import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { retryDelayMs } from '../../shared/bank/domain/backoff.js'
import { openBankStore, type BankStore } from '../../shared/bank/store/store.js'
import { removeDataDirs, tempDataDir } from './support/bank-harness.js'
import { aTransfer } from './support/temp-store.js'

const stores: BankStore[] = []
async function open(file = join(tempDataDir(), 'bank.json')) {
  const store = await openBankStore({ file })
  stores.push(store)
  return store
}
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  removeDataDirs()
})

describe('saveStatus', () => {
  it('decides a pending transfer once, and never changes a decided one', async () => {
    const store = await open()
    await store.addTransfer(aTransfer())
    expect(await store.saveStatus('uuid-1', 'denied')).toBe(true)
    expect(await store.saveStatus('uuid-1', 'approved')).toBe(false)
    expect(store.getTransfer('t1', 'u1')!.status).toBe('denied')
  })

  it.each(['pending', 'APPROVED', 'weird', 'failed', 'sending', ''])(
    'ignores the status %j',
    async (status) => {
      const store = await open()
      await store.addTransfer(aTransfer())
      expect(await store.saveStatus('uuid-1', status)).toBe(false)
      expect(store.getTransfer('t1', 'u1')!.status).toBe('pending')
    }
  )

  it('ignores an unknown uuid', async () => {
    const store = await open()
    await store.addTransfer(aTransfer())
    expect(await store.saveStatus('uuid-2', 'approved')).toBe(false)
  })

  it('decides exactly once when two answers arrive together', async () => {
    const store = await open()
    await store.addTransfer(aTransfer())
    const results = await Promise.all([
      store.saveStatus('uuid-1', 'approved'),
      store.saveStatus('uuid-1', 'denied'),
    ])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(store.getTransfer('t1', 'u1')!.status).toBe('approved')
  })

  it('tells listeners about each stored change', async () => {
    const store = await open()
    const seen: string[] = []
    store.onTransferChange((changed) => seen.push(changed.status))
    await store.addTransfer(aTransfer())
    await store.saveStatus('uuid-1', 'expired')
    expect(seen).toEqual(['pending', 'expired'])
  })
})

describe('openBankStore', () => {
  it('writes the file at once, and what was stored is there after reopening', async () => {
    const file = join(tempDataDir(), 'bank.json')
    const first = await openBankStore({ file })
    expect(existsSync(file)).toBe(true)
    await first.addTransfer(aTransfer())
    await first.close()
    const second = await open(file)
    expect(second.getTransfer('t1', 'u1')).toEqual(aTransfer())
  })

  it('finds a transfer only for its owner', async () => {
    const store = await open()
    await store.addTransfer(aTransfer())
    expect(store.getTransfer('t1', 'someone-else')).toBeUndefined()
  })

  it('refuses to open the same file twice in one process', async () => {
    const file = join(tempDataDir(), 'bank.json')
    await open(file)
    await expect(openBankStore({ file })).rejects.toThrow('already open in this process')
  })
})

describe('retryDelayMs', () => {
  it('doubles up to the cap, with jitter between half and all of the step', () => {
    const at = (attempt: number, random: number) =>
      retryDelayMs({ attempt, baseMs: 1000, capMs: 8000, random: () => random })
    expect([at(1, 0), at(1, 1), at(3, 0), at(3, 1), at(10, 0), at(10, 1)]).toEqual([
      500, 1000, 2000, 4000, 4000, 8000,
    ])
  })

  it('waits at least as long as Retry-After asks', () => {
    expect(
      retryDelayMs({ attempt: 1, baseMs: 100, capMs: 1000, retryAfterSeconds: 30, random: () => 1 })
    ).toBe(30_000)
  })
})
