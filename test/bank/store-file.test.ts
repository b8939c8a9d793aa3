import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataFileError, openBankStore } from '../../shared/bank/store/store.js'
import { bankDataSchema, emptyBankData } from '../../shared/bank/store/store-schema.js'
import {
  aTransfer,
  aUser,
  userFileOnDisk,
  userFilePath,
  useTempStores,
} from './support/temp-store.js'

// The store's file: what it says about one it cannot use, that opening one changes nothing, and
// when its writes reach the disk.
const stores = useTempStores()

/** The error openBankStore throws for this file. */
async function refusal(file: string): Promise<DataFileError> {
  const error = await openBankStore({ file }).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(DataFileError)
  return error as DataFileError
}

describe('a data file the store cannot use', () => {
  it('is refused when it is a folder, with the reason, and left where it is', async () => {
    const file = stores.file()
    mkdirSync(file)
    const error = await refusal(file)
    expect(statSync(file).isDirectory()).toBe(true)
    expect(error.name).toBe('DataFileError')
    expect(error.message).toBe(
      `The data file ${file} cannot be used: it cannot be read (EISDIR). It was left untouched. ` +
        `Move it away (for example \`mv "${file}" "${file}.broken"\`) and start again: ` +
        'the app then starts with no users and no transfers.'
    )
  })

  it('is refused when it is not JSON, with what the parser said', async () => {
    const file = stores.file()
    writeFileSync(file, '{"version":1,')
    expect((await refusal(file)).message).toMatch(
      /cannot be used: it is not valid JSON \(.+\)\. It was left untouched\./
    )
  })

  it.each([
    ['null instead of an object', null, ''],
    ['a user without an id', { ...emptyBankData(), users: [aUser({ id: '' })] }, ' at users.0.id'],
  ])('is refused when it holds %s, with what is wrong and where', async (_, content, where) => {
    const file = stores.file()
    writeFileSync(file, JSON.stringify(content))
    const issue = bankDataSchema.safeParse(content).error!.issues[0]!
    expect((await refusal(file)).message).toContain(
      `cannot be used: it is not a bank data file (${issue.message}${where}). It was left untouched.`
    )
  })
})

describe('a data folder the bank cannot use', () => {
  it('is explained with the reason and DATA_DIR as the fix', () => {
    const error = new DataFileError('/srv/bank', 'it is a file, not a folder', { folder: true })
    expect(error.message).toBe(
      'The data folder /srv/bank cannot be used: it is a file, not a folder. Set DATA_DIR to a ' +
        'folder this user can write to, e.g. DATA_DIR=.data/mine in .env or before the command.'
    )
  })
})

describe('the store’s file', () => {
  it('and its users’ files are left byte for byte as they were by opening and closing the store', async () => {
    const file = stores.file()
    const index = JSON.stringify({ version: 3, users: 'bank-users' })
    const records = JSON.stringify({
      version: 3,
      userId: 'u1',
      user: aUser(),
      sessions: [],
      transfers: [aTransfer()],
      signIns: [],
    })
    mkdirSync(dirname(userFilePath(file, 'u1')), { recursive: true })
    writeFileSync(file, index)
    writeFileSync(userFilePath(file, 'u1'), records)
    const store = await stores.open({ file })
    expect(store.getUser('u1')).toEqual(aUser())
    expect(store.getTransfer('t1', 'u1')).toEqual(aTransfer())
    await store.close()
    expect(readFileSync(file, 'utf8')).toBe(index)
    expect(readFileSync(userFilePath(file, 'u1'), 'utf8')).toBe(records)
  })

  it('holds a write that was not awaited once flush resolves', async () => {
    const file = stores.file()
    const store = await stores.open({ file })
    void store.addTransfer(aTransfer())
    await store.flush()
    expect(userFileOnDisk(file, 'u1').transfers).toEqual([aTransfer()])
  })

  it('takes no more writes once closed, and says so', async () => {
    const file = stores.file()
    const store = await stores.open({ file })
    await store.close()
    await expect(store.addUser(aUser())).rejects.toThrow(`The store for ${file} is closed.`)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 3, users: 'bank-users' })
    expect(existsSync(userFilePath(file, 'u1'))).toBe(false)
  })

  it('is not let go by a second close once another store has opened it', async () => {
    const file = stores.file()
    const first = await stores.open({ file })
    await first.close()
    await stores.open({ file })
    await first.close()
    await expect(openBankStore({ file })).rejects.toThrow('already open in this process')
  })
})
