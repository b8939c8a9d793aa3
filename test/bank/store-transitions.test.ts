import { beforeEach, describe, expect, it } from 'vitest'
import type { BankStore } from '../../shared/bank/store/store.js'
import type { Transfer, TransferStatus } from '../../shared/model/transfer.js'
import { aTransfer, useTempStores } from './support/temp-store.js'

// The store's compare-and-set moves of a transfer (markSent, markFailed, setProblem): each moves
// only the transfers it may, stamps the clock's time, and leaves a final transfer as it is.
const NOW = '2026-05-01T10:00:00.000Z'
const PROBLEM = { message: 'Step 2 is not written yet.', missingStep: 2 }
// Spelled out, not FINAL_STATUSES: a test that read the list it checks would agree with any list.
const FINAL = ['approved', 'denied', 'expired', 'failed'] as const

const stores = useTempStores()
let store: BankStore

beforeEach(async () => {
  store = await stores.open({ clock: () => Date.parse(NOW) })
})

/** Adds a transfer in this status and says whether a move changed it. */
async function given(status: TransferStatus, overrides: Partial<Transfer> = {}) {
  const before = aTransfer({ status, ...overrides })
  await store.addTransfer(before)
  return { before, unchanged: () => expect(store.findTransfer(before.id)).toEqual(before) }
}

const MOVES = {
  markSent: (id: string) => store.markSent(id, { approvalUuid: 'uuid-9', expiresAt: NOW }),
  markFailed: (id: string) => store.markFailed(id, PROBLEM),
  setProblem: (id: string) => store.setProblem(id, PROBLEM),
}
type Move = keyof typeof MOVES

describe('markSent', () => {
  it('moves a sending transfer to pending, with its uuid and expiry, and clears its problem', async () => {
    const { before } = await given('sending', {
      approvalUuid: null,
      expiresAt: null,
      problem: { message: 'The provider is down.', at: '2026-05-01T09:59:00.000Z' },
    })
    const sent = { approvalUuid: 'uuid-9', expiresAt: '2026-05-01T10:10:00.000Z' }
    const expected = { ...before, ...sent, status: 'pending', problem: null }
    expect(await store.markSent('t1', sent)).toEqual(expected)
    expect(store.findTransfer('t1')).toEqual(expected)
  })
})

describe('markFailed', () => {
  it.each(['sending', 'pending'] as const)(
    'fails a %s transfer with the reason, at the clock’s time',
    async (status) => {
      const { before } = await given(status)
      const problem = { ...PROBLEM, at: NOW }
      const expected = { ...before, status: 'failed', decidedAt: NOW, problem }
      expect(await store.markFailed('t1', PROBLEM)).toEqual(expected)
      expect(store.findTransfer('t1')).toEqual(expected)
    }
  )
})

describe('setProblem', () => {
  it('shows a problem on a pending transfer at the clock’s time, and clears it with null', async () => {
    const { before } = await given('pending')
    const shown = { ...before, problem: { ...PROBLEM, at: NOW } }
    expect(await store.setProblem('t1', PROBLEM)).toEqual(shown)
    expect(store.findTransfer('t1')).toEqual(shown)
    expect(await store.setProblem('t1', null)).toEqual(before)
    expect(store.findTransfer('t1')).toEqual(before)
  })

  it('clears a problem that is not there without telling any listener', async () => {
    const { before, unchanged } = await given('sending')
    const changes: Transfer[] = []
    store.onTransferChange((transfer) => changes.push(transfer))
    expect(await store.setProblem('t1', null)).toEqual(before)
    unchanged()
    expect(changes).toEqual([])
  })
})

describe('the moves a transfer may not take', () => {
  const refused: [Move, TransferStatus][] = [
    ['markSent', 'pending'],
    ...FINAL.flatMap((status) =>
      (Object.keys(MOVES) as Move[]).map((move): [Move, TransferStatus] => [move, status])
    ),
  ]

  it.each(refused)(
    '%s leaves a transfer that is %s as it is, and answers nothing',
    async (move, status) => {
      const { unchanged } = await given(status, { decidedAt: '2026-05-01T09:00:00.000Z' })
      expect(await MOVES[move]('t1')).toBeUndefined()
      unchanged()
    }
  )

  it.each(Object.keys(MOVES) as Move[])(
    '%s answers nothing for a transfer the store does not have',
    async (move) => {
      expect(await MOVES[move]('t9')).toBeUndefined()
    }
  )
})

describe('listening to transfer changes', () => {
  it('tells a listener every change until it unsubscribes', async () => {
    const statuses: string[] = []
    const unsubscribe = store.onTransferChange((transfer) => statuses.push(transfer.status))
    await given('sending', { approvalUuid: null })
    await store.markSent('t1', { approvalUuid: 'uuid-1', expiresAt: NOW })
    unsubscribe()
    await store.saveStatus('uuid-1', 'approved')
    expect(statuses).toEqual(['sending', 'pending'])
    expect(store.findTransfer('t1')!.status).toBe('approved')
  })
})
