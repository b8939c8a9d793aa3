import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { USERS_FOLDER, usersFolder } from '../../shared/bank/store/bank-files.js'
import type { BankData } from '../../shared/bank/store/store-schema.js'
import { DataFileError, openBankStore, type BankStore } from '../../shared/bank/store/store.js'
import { aVersionTwoBank } from './support/bank-v2.js'
import {
  aTransfer,
  aUser,
  userFileOnDisk,
  userFilePath,
  useTempStores,
} from './support/temp-store.js'

// bank.json of version 2 held the whole bank, and every write rewrote all of it. Now each user's
// records are in a file of their own; an older bank.json is split once, losing nothing.
const stores = useTempStores()

function writeVersionTwo(data: BankData): { file: string; text: string } {
  const file = stores.file()
  const text = JSON.stringify(data)
  writeFileSync(file, text)
  return { file, text }
}

/** What the store holds, for comparing with what the old file held. */
function contentOf(store: BankStore, data: BankData) {
  return {
    users: store.allUsers(),
    transfers: store.allTransfers(),
    signIns: store.allSignIns(),
    sessions: data.users.map((user) => userFileOnDisk(store.file, user.id).sessions).flat(),
  }
}

const BANK = aVersionTwoBank({ users: 30, transfersPerUser: 4 })

describe('a version 2 bank.json', () => {
  it('is split into one file per user: every record once, in the order it held them', async () => {
    const { file } = writeVersionTwo(BANK)
    const store = await stores.open({ file })
    const { sessions: _, ...held } = BANK
    expect(contentOf(store, BANK)).toEqual({
      users: held.users,
      transfers: held.transfers,
      signIns: held.signIns,
      sessions: BANK.sessions,
    })
    expect(readdirSync(usersFolder(file)).filter((name) => !name.startsWith('.'))).toHaveLength(30)
    expect(store.migrated).toBe(
      "bank.json now keeps each user's records in a file of their own, in bank-users/ " +
        '(the old file is kept as bank.json.version-2).'
    )
  })

  it('is kept beside, byte for byte, and replaced by the index naming the users’ folder', async () => {
    const { file, text } = writeVersionTwo(BANK)
    await stores.open({ file })
    expect(readFileSync(`${file}.version-2`, 'utf8')).toBe(text)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 3, users: USERS_FOLDER })
  })

  it('finds its records again after a restart, and its sessions sign in', async () => {
    const { file } = writeVersionTwo(BANK)
    await (await openBankStore({ file })).close()
    const store = await stores.open({ file })
    expect(store.migrated).toBeUndefined()
    expect(store.allTransfers()).toEqual(BANK.transfers)
    expect(store.findTransferByUuid('uuid-3-1')?.id).toBe('t-3-1')
    expect(store.userOfSession('session of user-000007')?.id).toBe('user-000007')
  })

  it('is split again from the start when an earlier start stopped half way', async () => {
    const { file, text } = writeVersionTwo(BANK)
    const building = `${usersFolder(file)}.migrating`
    mkdirSync(building)
    writeFileSync(join(building, 'user-000001.json'), '{"half": "written')
    const store = await stores.open({ file })
    expect(store.allTransfers()).toEqual(BANK.transfers)
    expect(existsSync(building)).toBe(false)
    expect(readFileSync(`${file}.version-2`, 'utf8')).toBe(text)
  })

  it('takes the users’ folder an earlier start finished, before it could replace bank.json', async () => {
    const { file, text } = writeVersionTwo(BANK)
    await (await openBankStore({ file })).close()
    // That start stopped right after putting the folder in place.
    writeFileSync(file, text)
    const before = statSync(userFilePath(file, 'user-000002')).mtimeMs
    const store = await stores.open({ file })
    expect(store.allTransfers()).toEqual(BANK.transfers)
    expect(statSync(userFilePath(file, 'user-000002')).mtimeMs).toBe(before)
    expect(readdirSync(dirname(file)).filter((name) => name.includes('set-aside'))).toEqual([])
  })

  it('keeps aside a users’ folder it did not make, and never mixes it in', async () => {
    const { file } = writeVersionTwo(BANK)
    const stranger = userFilePath(file, 'stranger-0001')
    mkdirSync(dirname(stranger))
    const strangerFile = JSON.stringify({
      version: 3,
      userId: 'stranger-0001',
      user: aUser({ id: 'stranger-0001' }),
      sessions: [],
      transfers: [],
      signIns: [],
    })
    writeFileSync(stranger, strangerFile)
    const store = await stores.open({ file })
    expect(store.getUser('stranger-0001')).toBeUndefined()
    expect(store.allUsers()).toEqual(BANK.users)
    const [aside] = readdirSync(dirname(file)).filter((name) => name.includes('set-aside'))
    expect(readFileSync(join(dirname(file), aside!, 'stranger-0001.json'), 'utf8')).toBe(
      strangerFile
    )
  })

  it('is refused, and left as it was, when two of its users have one id', async () => {
    const twice = { ...BANK, users: [...BANK.users, { ...BANK.users[0]!, email: 'x@example.com' }] }
    const { file, text } = writeVersionTwo(twice)
    const error = await openBankStore({ file }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DataFileError)
    expect((error as Error).message).toContain('two users have the id user-000000')
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})

describe('the users’ files', () => {
  it('take a change in the file of its user alone: no other file is written', async () => {
    const { file } = writeVersionTwo(BANK)
    await (await openBankStore({ file })).close()
    const folder = usersFolder(file)
    const names = readdirSync(folder)
    const written = () => names.map((name) => statSync(join(folder, name)).mtimeMs)
    const before = { index: statSync(file).mtimeMs, files: written() }
    await new Promise((resolve) => setTimeout(resolve, 20))
    const store = await stores.open({ file })
    await store.addTransfer(aTransfer({ id: 'new', userId: 'user-000005', approvalUuid: 'u-new' }))
    await store.saveStatus('u-new', 'approved')
    const changed = names.filter((_, i) => written()[i] !== before.files[i])
    expect(changed).toEqual(['user-000005.json'])
    expect(statSync(file).mtimeMs).toBe(before.index)
    expect(userFileOnDisk(file, 'user-000005').transfers.at(-1)?.status).toBe('approved')
  })

  it('are read even without bank.json, which is written again', async () => {
    const { file } = writeVersionTwo(BANK)
    await (await openBankStore({ file })).close()
    renameSync(file, `${file}.gone`)
    const store = await stores.open({ file })
    expect(store.allTransfers()).toEqual(BANK.transfers)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 3, users: USERS_FOLDER })
  })

  it.each([
    ['is not JSON', '{"version":3,', /it is not valid JSON/],
    ['holds another user’s records', 'someone-else', /holds the records of user someone-else/],
    ['is not a user’s file', '{"version":3}', /it is not a bank user's file \(.+ at userId\)/],
  ])('are refused when one %s, naming it, left as it is', async (_, content, reason) => {
    const file = stores.file()
    const first = await openBankStore({ file })
    await first.addUser(aUser({ id: 'user-0001' }))
    await first.close()
    const path = userFilePath(file, 'user-0001')
    const text =
      content === 'someone-else'
        ? JSON.stringify({ ...userFileOnDisk(file, 'user-0001'), userId: 'someone-else', user: null })
        : content
    writeFileSync(path, text)
    const error = await openBankStore({ file }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DataFileError)
    expect((error as Error).message).toMatch(reason)
    expect((error as Error).message).toContain(path)
    expect((error as Error).message).toContain('the app then starts without the records it holds')
    expect(readFileSync(path, 'utf8')).toBe(text)
  })
})
