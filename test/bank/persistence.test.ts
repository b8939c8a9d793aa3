import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataFileError } from '../../shared/bank/store/store.js'
import {
  closeTestBanks,
  startTestBank,
  tempDataDir,
  transferById,
} from './support/bank-harness.js'
import { userFilePath } from './support/temp-store.js'

const start = (dataDir: string, env: Record<string, string> = {}) => startTestBank({ dataDir, env })
afterEach(closeTestBanks)

describe('a restart on the same data directory', () => {
  it('keeps users, sessions and transfers, and resumes waiting for pending ones', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const visitor = first.visitor()
    await visitor.register()
    const done = await visitor.sendTransfer({ recipient_email: 'done@example.com' })
    await first.sandbox!.control.approve(transferById(first, done.transferId!)!.approvalUuid!)
    await expect.poll(() => transferById(first, done.transferId!)!.status).toBe('approved')
    const waiting = await visitor.sendTransfer({ recipient_email: 'waiting@example.com' })
    await first.close()

    const second = await start(dataDir)
    const again = visitor
    again.baseUrl = second.url
    expect((await again.get(`/transfers/${done.transferId}`)).body).toContain(
      'Money transfer approved'
    )
    const page = await again.get(`/transfers/${waiting.transferId}`)
    expect(page.body).toContain('Waiting for approval on your phone')
    expect(second.watcher.isWatching(waiting.transferId!)).toBe(true)

    const uuid = transferById(second, waiting.transferId!)!.approvalUuid!
    await second.sandbox!.control.deny(uuid)
    await expect.poll(() => transferById(second, waiting.transferId!)!.status).toBe('denied')
    const list = (await again.get('/transfers/new')).body
    expect(list).toContain('done@example.com')
    expect(list).toContain('waiting@example.com')
  })

  it('resolves at once a transfer that expired while the app was stopped', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir, { SECONDS_TO_EXPIRE: '1' })
    const visitor = first.visitor()
    await visitor.register()
    const { transferId } = await visitor.sendTransfer()
    const expiresAt = Date.parse(transferById(first, transferId!)!.expiresAt!)
    await first.close()
    // Stopped until the approval request is past its expiry.
    await expect.poll(() => Date.now(), { timeout: 5000 }).toBeGreaterThan(expiresAt)

    const second = await start(dataDir, { SECONDS_TO_EXPIRE: '1' })
    await expect.poll(() => transferById(second, transferId!)!.status).toBe('expired')
  })

  it('marks failed, with an explanation, a transfer a crash left "sending"', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const visitor = first.visitor()
    await visitor.register()
    const { transferId } = await visitor.sendTransfer()
    const { userId } = transferById(first, transferId!)!
    await first.close()
    // What a crash between storing the transfer and sending it leaves behind.
    const file = userFilePath(join(dataDir, 'bank.json'), userId)
    const data = JSON.parse(readFileSync(file, 'utf8'))
    Object.assign(data.transfers[0], { status: 'sending', approvalUuid: null, expiresAt: null })
    writeFileSync(file, JSON.stringify(data))

    const second = await start(dataDir)
    const transfer = transferById(second, transferId!)!
    expect(transfer.status).toBe('failed')
    expect(transfer.problem?.message).toMatch(/The app stopped while sending this approval request/)
  })
})

describe('a data file that cannot be used', () => {
  it.each([
    ['is not JSON', '{"version":1,"users":['],
    ['is empty', ''],
    ['is another kind of file', '{"hello":"world"}'],
    ['holds null', 'null'],
    ['holds 0', '0'],
    ['holds false', 'false'],
    ['holds an empty string', '""'],
  ])(
    'refuses to start when it %s, naming the file and the fix, and leaves it untouched',
    async (_, content) => {
      const dataDir = tempDataDir()
      const file = join(dataDir, 'bank.json')
      writeFileSync(file, content)
      const error = await startTestBank({ dataDir }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(DataFileError)
      expect((error as Error).message).toContain(file)
      expect((error as Error).message).toContain('Move it away')
      expect(readFileSync(file, 'utf8')).toBe(content)
    }
  )
})
