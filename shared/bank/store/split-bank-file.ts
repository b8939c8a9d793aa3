import { createHash } from 'node:crypto'
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { JSONFile } from 'lowdb/node'
import { BANK_INDEX, inBatches, userFileName, usersFolder } from './bank-files.js'
import type { BankData, UserRecordsFile } from './store-schema.js'

/** Written into a folder of users' files made from a `bank.json`: the SHA-256 of that file. */
const SOURCE_NOTE = '.made-from'

/**
 * Splits a `bank.json` of version 1 or 2 (the whole bank in one file) into one file per user, in
 * steps that survive the process being killed between any two of them:
 *
 * 1. the file is copied as it is to `bank.json.version-2` (`bank.json.module-1` for version 1);
 * 2. the users' files are written into a fresh `bank-users.migrating/`, with a note of what they
 *    were made from, and that folder becomes `bank-users/` in one rename (a `bank-users/` that was
 *    there already, made from something else, is kept aside as `bank-users.set-aside-<time>`);
 * 3. `bank.json` is replaced, in one rename, by the index that names the folder.
 *
 * Until step 3, `bank.json` is the old file, whole: a new start splits it again, and finds the
 * folder of an earlier run that got as far as its rename by its note. After it, every record is
 * in exactly one user's file. Returns the name of the copy.
 *
 * @example
 * const kept = await splitBankFile({ indexFile, text, data, version: 2 })
 */
export async function splitBankFile(bank: {
  indexFile: string
  /** The file's text, as read. */
  text: string
  /** Its content, brought up to version 2. */
  data: BankData
  version: 1 | 2
}): Promise<string> {
  const { indexFile } = bank
  const copy = `${indexFile}.${bank.version === 1 ? 'module-1' : 'version-2'}`
  await keepCopy(indexFile, copy, bank.text)

  const folder = usersFolder(indexFile)
  const source = createHash('sha256').update(bank.text).digest('hex')
  if ((await noteIn(folder)) !== source) {
    const building = `${folder}.migrating`
    await rm(building, { recursive: true, force: true })
    await mkdir(building)
    await inBatches(splitBankData(bank.data), (records) =>
      new JSONFile<UserRecordsFile>(join(building, userFileName(records.userId))).write(records)
    )
    await writeFile(join(building, SOURCE_NOTE), source)
    await rename(folder, `${folder}.set-aside-${Date.now()}`).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    })
    await rename(building, folder)
  }
  await new JSONFile(indexFile).write(BANK_INDEX)
  return copy
}

/**
 * The bank's records grouped by user, each user's in the order the bank kept them: the content of
 * the users' files. A record whose user was never stored gets a file of its own with no user.
 *
 * @example
 * splitBankData(data).map((file) => file.userId)
 */
export function splitBankData(data: BankData): UserRecordsFile[] {
  const files = new Map<string, UserRecordsFile>()
  const fileOf = (userId: string) => {
    let file = files.get(userId)
    if (!file) {
      file = { version: 3, userId, user: null, sessions: [], transfers: [], signIns: [] }
      files.set(userId, file)
    }
    return file
  }
  for (const user of data.users) {
    const file = fileOf(user.id)
    // One file per user: two users under one id cannot be kept apart, and neither may be lost.
    if (file.user) throw new Error(`two users have the id ${user.id}`)
    file.user = user
  }
  for (const session of data.sessions) fileOf(session.userId).sessions.push(session)
  for (const transfer of data.transfers) fileOf(transfer.userId).transfers.push(transfer)
  for (const signIn of data.signIns) fileOf(signIn.userId).signIns.push(signIn)
  return [...files.values()]
}

// Copies the old file once: an earlier run's copy of the same file is left as it is, and a copy of
// another file is never overwritten.
async function keepCopy(file: string, copy: string, text: string): Promise<void> {
  const existing = await readFile(copy, 'utf8').catch(() => undefined)
  if (existing === text) return
  await copyFile(file, existing === undefined ? copy : `${copy}.${Date.now()}`)
}

async function noteIn(folder: string): Promise<string | undefined> {
  return readFile(join(folder, SOURCE_NOTE), 'utf8').catch(() => undefined)
}
