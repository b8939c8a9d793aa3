import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirBusyError } from '../../shared/runtime/data-dir-lock.js'
import { DataFileError } from '../../shared/bank/store/store.js'
import { closeTestBanks, startTestBank, tempDataDir } from './support/bank-harness.js'

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
