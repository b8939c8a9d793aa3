import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirBusyError } from '../../shared/runtime/data-dir-lock.js'
import { DataFileError } from '../../shared/bank/store/store.js'
import { computeCallbackSignature } from '../../shared/authy/index.js'
import { DEFAULT_SANDBOX_API_KEY } from '../../shared/sandbox/index.js'
import {
  closeTestBanks,
  startTestBank,
  tempDataDir,
  transferById,
} from './support/bank-harness.js'

afterEach(closeTestBanks)

const lockOf = (dataDir: string) => join(dataDir, '.lock')

describe('the data folder lock', () => {
  it('holds the pid of the running bank, and is gone once the bank is closed', async () => {
    const dataDir = tempDataDir()
    const bank = await startTestBank({ dataDir })
    expect(readFileSync(lockOf(dataDir), 'utf8').trim()).toBe(String(process.pid))
    await bank.close()
    expect(existsSync(lockOf(dataDir))).toBe(false)
  })

  it('refuses a second bank on the same folder, naming the folder, the process and the fix', async () => {
    const dataDir = tempDataDir()
    await startTestBank({ dataDir })
    const error = await startTestBank({ dataDir }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DataDirBusyError)
    expect((error as Error).message).toContain(`The data folder ${dataDir} is already in use`)
    expect((error as Error).message).toContain(`(process ${process.pid})`)
    expect((error as Error).message).toContain('give this one its own folder, e.g. DATA_DIR=')
  })

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = tempDataDir()
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(lockOf(dataDir), `${gone}\n`)
    await startTestBank({ dataDir })
    expect(readFileSync(lockOf(dataDir), 'utf8').trim()).toBe(String(process.pid))
  })

  it('leaves no lock behind when the bank cannot start', async () => {
    const dataDir = tempDataDir()
    writeFileSync(join(dataDir, 'bank.json'), 'not json')
    await expect(startTestBank({ dataDir })).rejects.toBeInstanceOf(DataFileError)
    expect(existsSync(lockOf(dataDir))).toBe(false)
  })
})

describe('the sandbox key of a data folder', () => {
  it('is random, made on the first start, kept for the next, and unlike any other folder’s', async () => {
    const dataDir = tempDataDir()
    const first = await startTestBank({ dataDir })
    const key = first.sandbox!.apiKey
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(readFileSync(join(dataDir, 'sandbox-api-key'), 'utf8').trim()).toBe(key)
    await first.close()
    expect((await startTestBank({ dataDir })).sandbox!.apiKey).toBe(key)
    expect((await startTestBank()).sandbox!.apiKey).not.toBe(key)
  })

  it('gives way to SANDBOX_API_KEY', async () => {
    const bank = await startTestBank({ env: { SANDBOX_API_KEY: 'chosen-key-for-this-room' } })
    expect(bank.sandbox!.apiKey).toBe('chosen-key-for-this-room')
  })

  it('is not the public development key, so a callback signed with that key is refused', async () => {
    const bank = await startTestBank()
    const visitor = bank.visitor()
    await visitor.register()
    const { transferId } = await visitor.sendTransfer()
    const uuid = transferById(bank, transferId!)!.approvalUuid!
    const params = { uuid, status: 'approved', callback_action: 'approval_request_status' }
    const nonce = String(Math.floor(Date.now() / 1000))
    const signature = computeCallbackSignature({
      apiKey: DEFAULT_SANDBOX_API_KEY,
      nonce,
      method: 'POST',
      url: bank.callbackUrl!,
      params,
    })
    const reply = await fetch(bank.callbackUrl!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-authy-signature-nonce': nonce,
        'x-authy-signature': signature,
      },
      body: JSON.stringify(params),
    })
    expect(reply.status).toBe(401)
    expect(transferById(bank, transferId!)!.status).toBe('pending')
  })
})
