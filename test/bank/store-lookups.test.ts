import { beforeEach, describe, expect, it } from 'vitest'
import type { BankStore } from '../../shared/bank/store/store.js'
import { aTransfer, aUser, useTempStores } from './support/temp-store.js'

// What the store finds, for whom, in which order, and that what it hands out is a copy.
const stores = useTempStores()
let store: BankStore

// Ada and Bob registered the same phone (Authy id 1) in two browsers; Cy has another phone.
beforeEach(async () => {
  store = await stores.open()
  await store.addUser(aUser({ id: 'ada', authyId: 1 }))
  await store.addUser(aUser({ id: 'bob', authyId: 1 }))
  await store.addUser(aUser({ id: 'cy', authyId: 2 }))
  await store.addTransfer(aTransfer({ id: 't1', userId: 'ada', requestId: 'r1' }))
  await store.addTransfer(
    aTransfer({ id: 't2', userId: 'cy', requestId: 'r1', status: 'sending', approvalUuid: null })
  )
  await store.addTransfer(
    aTransfer({ id: 't3', userId: 'bob', requestId: 'r2', approvalUuid: 'u3' })
  )
  await store.addTransfer(
    aTransfer({ id: 't4', userId: 'ada', requestId: 'r2', approvalUuid: 'u4' })
  )
})

const ids = (transfers: { id: string }[]) => transfers.map((transfer) => transfer.id)

describe('the store’s lookups', () => {
  it('finds a transfer by its form’s request id only for the user who sent that form', () => {
    expect(store.findTransferByRequest('ada', 'r1')?.id).toBe('t1')
    expect(store.findTransferByRequest('cy', 'r1')?.id).toBe('t2')
    expect(store.findTransferByRequest('ada', 'r2')?.id).toBe('t4')
    expect(store.findTransferByRequest('cy', 'r2')).toBeUndefined()
  })

  it('lists a user’s transfers, newest first', () => {
    expect(ids(store.transfersOf('ada'))).toEqual(['t4', 't1'])
    expect(ids(store.transfersOf('nobody'))).toEqual([])
  })

  it('lists the transfers of every user registered with one phone, newest first', () => {
    expect(ids(store.transfersOfAuthyId(1))).toEqual(['t4', 't3', 't1'])
    expect(ids(store.transfersOfAuthyId(2))).toEqual(['t2'])
    expect(ids(store.transfersOfAuthyId(3))).toEqual([])
  })

  it('lists the transfers in one status', () => {
    expect(ids(store.transfersWithStatus('pending'))).toEqual(['t1', 't3', 't4'])
    expect(ids(store.transfersWithStatus('sending'))).toEqual(['t2'])
    expect(ids(store.transfersWithStatus('approved'))).toEqual([])
  })

  it('hands out copies: changing what it returns changes nothing stored', () => {
    const found = [
      store.getUser('ada')!,
      store.findTransfer('t1')!,
      store.getTransfer('t1', 'ada')!,
      store.findTransferByRequest('ada', 'r1')!,
      store.findTransferByUuid('uuid-1')!,
      ...store.transfersOf('ada'),
      ...store.transfersOfAuthyId(1),
      ...store.transfersWithStatus('pending'),
    ]
    for (const value of found) Object.assign(value, { id: 'changed', email: 'changed' })
    expect(store.getUser('ada')).toEqual(aUser({ id: 'ada', authyId: 1 }))
    expect(ids(store.transfersWithStatus('pending'))).toEqual(['t1', 't3', 't4'])
    expect(store.findTransfer('t1')).toEqual(
      aTransfer({ id: 't1', userId: 'ada', requestId: 'r1' })
    )
  })
})

describe('the store’s sessions', () => {
  it('forgets a session when it ends, and only that one', async () => {
    await store.bindSession('session-of-ada', 'ada')
    await store.bindSession('session-of-bob', 'bob')
    await store.endSession('session-of-ada')
    await store.endSession('no-such-session')
    expect(store.userOfSession('session-of-ada')).toBeUndefined()
    expect(store.userOfSession('session-of-bob')?.id).toBe('bob')
  })
})
