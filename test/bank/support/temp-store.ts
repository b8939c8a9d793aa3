// Real bank stores on temporary files, closed and removed after each test, and the users and
// transfers the store tests put in them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { userFileName, usersFolder } from '../../../shared/bank/store/bank-files.js'
import type { UserRecordsFile } from '../../../shared/bank/store/store-schema.js'
import { openBankStore, type BankStore, type Clock } from '../../../shared/bank/store/store.js'
import type { Transfer } from '../../../shared/model/transfer.js'
import type { User } from '../../../shared/model/user.js'

export interface TempStores {
  /** Opens a store on a fresh temporary file (or the one given). */
  open(options?: { file?: string; clock?: Clock }): Promise<BankStore>
  /** A path for a data file in a fresh temporary folder; nothing is there yet. */
  file(): string
}

/**
 * Stores on temporary files: every store opened is closed, and every folder made is removed,
 * after each test.
 *
 * @example
 * const stores = useTempStores()
 * const store = await stores.open({ clock: () => Date.parse('2026-05-01T10:00:00Z') })
 */
export function useTempStores(): TempStores {
  const opened: BankStore[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-store-'))
    dirs.push(dir)
    return join(dir, 'bank.json')
  }
  return {
    file,
    async open(options = {}) {
      const store = await openBankStore({ file: options.file ?? file(), clock: options.clock })
      opened.push(store)
      return store
    },
  }
}

/**
 * A registered user, with whatever the test changes.
 *
 * @example
 * await store.addUser(aUser({ id: 'u2', authyId: 2 }))
 */
export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u1',
    email: 'ada@example.com',
    countryCode: '1',
    phoneNumber: '555 123 4567',
    authyId: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    passwordHash: null,
    phoneConfirmed: { at: '2026-01-01T00:00:00.000Z', by: 'code' },
    ...overrides,
  }
}

/**
 * A transfer waiting for the phone (`pending`), with whatever the test changes.
 *
 * @example
 * await store.addTransfer(aTransfer({ id: 't2', status: 'sending', approvalUuid: null }))
 */
export function aTransfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    id: 't1',
    userId: 'u1',
    requestId: 'r1',
    recipientEmail: 'bob@example.com',
    accountNumber: '12345678',
    amountCents: 1050,
    status: 'pending',
    approvalUuid: 'uuid-1',
    secondsToExpire: 600,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:10:00.000Z',
    decidedAt: null,
    problem: null,
    ...overrides,
  }
}

/**
 * Where a user's records are kept, in the bank whose `bank.json` is `file`.
 *
 * @example
 * writeFileSync(userFilePath(file, 'u1'), text)
 */
export function userFilePath(file: string, userId: string): string {
  return join(usersFolder(file), userFileName(userId))
}

/**
 * A user's file as it is on disk, parsed.
 *
 * @example
 * userFileOnDisk(file, 'u1').transfers // [aTransfer()]
 */
export function userFileOnDisk(file: string, userId: string): UserRecordsFile {
  return JSON.parse(readFileSync(userFilePath(file, userId), 'utf8')) as UserRecordsFile
}
