import { request } from 'undici'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { transferById, useTestBank, waitFor } from './support/bank-harness.js'

const bank = useTestBank()
beforeAll(() => bank().sandbox!.control.setCallback(null))

// Node warns once per signal that gets more than ten listeners ("possible memory leak").
let warnings: string[] = []
const collect = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`)
beforeEach(() => {
  warnings = []
  process.on('warning', collect)
})
afterEach(() => {
  process.off('warning', collect)
})

describe('the bank with many transfers and pages at once', () => {
  it('watches a dozen pending transfers without a listener-leak warning', async () => {
    const ids: string[] = []
    for (const phone of ['555 100 0001', '555 100 0002', '555 100 0003']) {
      const visitor = bank().visitor()
      await visitor.register({ phone_number: phone })
      for (let i = 0; i < 4; i++) ids.push((await visitor.sendTransfer()).transferId!)
    }
    expect(ids.filter((id) => bank().watcher.isWatching(id))).toHaveLength(12)
    // Warnings arrive on a later tick: a decision makes sure that tick has passed.
    await bank().sandbox!.control.approve(transferById(bank(), ids[0]!)!.approvalUuid!)
    await waitFor(() => transferById(bank(), ids[0]!)!.status === 'approved', 'the approval')
    expect(warnings.filter((warning) => warning.includes('MaxListenersExceeded'))).toEqual([])
  })

  it('follows a transfer live on a dozen open pages without a listener-leak warning', async () => {
    const visitor = bank().visitor()
    await visitor.register({ phone_number: '555 100 0004' })
    const { transferId } = await visitor.sendTransfer()
    const streams = await Promise.all(
      Array.from({ length: 12 }, () =>
        request(`${bank().url}/transfers/${transferId}/events`, {
          headers: { cookie: visitor.cookieHeader() },
        })
      )
    )
    expect(streams.map((stream) => stream.statusCode)).toEqual(Array(12).fill(200))
    await bank().sandbox!.control.deny(transferById(bank(), transferId!)!.approvalUuid!)
    const bodies = await Promise.all(streams.map((stream) => stream.body.text()))
    expect(bodies.every((body) => body.includes('"status":"denied"'))).toBe(true)
    expect(warnings.filter((warning) => warning.includes('MaxListenersExceeded'))).toEqual([])
  })
})
