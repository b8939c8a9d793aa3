import type { SignIn } from '../../model/sign-in.js'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import type { Session, UserRecordsFile } from './store-schema.js'

/**
 * The whole bank in memory, as the users' files hold it, with the lookups the pages and the
 * callbacks need: nothing a request does walks every transfer. Each record is one object, in its
 * user's file and in the lists and maps below alike, so a change made to it is in both.
 */
export interface BankRecords {
  /** Each user's records, as written to that user's file. */
  byUser: Map<string, UserRecordsFile>
  /** Every user, transfer and sign-in, oldest first. */
  users: User[]
  transfers: Transfer[]
  signIns: SignIn[]
  userById: Map<string, User>
  transferById: Map<string, Transfer>
  /** By the approval request's uuid, once sent. */
  transferByUuid: Map<string, Transfer>
  signInById: Map<string, SignIn>
  signInByUuid: Map<string, SignIn>
  /** By the hash of the session id. */
  sessionByHash: Map<string, Session>
  /** Each transfer's place in `transfers`: the order of transfers gathered from several users. */
  placeOf: WeakMap<Transfer, number>
}

/**
 * The records of the users' files: everyone's users, transfers and sign-ins in the order they were
 * made (by `createdAt`; files in the order given when two were made at the same millisecond).
 *
 * @example
 * const records = bankRecords(await readUserFiles(folder))
 */
export function bankRecords(files: UserRecordsFile[]): BankRecords {
  const records: BankRecords = {
    byUser: new Map(),
    users: [],
    transfers: [],
    signIns: [],
    userById: new Map(),
    transferById: new Map(),
    transferByUuid: new Map(),
    signInById: new Map(),
    signInByUuid: new Map(),
    sessionByHash: new Map(),
    placeOf: new WeakMap(),
  }
  for (const file of files) {
    records.byUser.set(file.userId, file)
    for (const session of file.sessions) keepFirst(records.sessionByHash, session.idHash, session)
  }
  const byAge = <T extends { createdAt: string }>(list: T[]) =>
    list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
  for (const user of byAge(files.flatMap((file) => (file.user ? [file.user] : []))))
    listUser(records, user)
  for (const transfer of byAge(files.flatMap((file) => file.transfers)))
    listTransfer(records, transfer)
  for (const signIn of byAge(files.flatMap((file) => file.signIns))) listSignIn(records, signIn)
  return records
}

/**
 * The records of this user's file, made (empty) if the user has none yet.
 *
 * @example
 * userFile(records, transfer.userId).transfers.push(transfer)
 */
export function userFile(records: BankRecords, userId: string): UserRecordsFile {
  let file = records.byUser.get(userId)
  if (!file) {
    file = { version: 3, userId, user: null, sessions: [], transfers: [], signIns: [] }
    records.byUser.set(userId, file)
  }
  return file
}

/**
 * Lists a user just stored in their file (and looks them up by id from now on).
 *
 * @example
 * file.user = user
 * listUser(records, user)
 */
export function listUser(records: BankRecords, user: User): void {
  records.users.push(user)
  keepFirst(records.userById, user.id, user)
}

/**
 * Lists a transfer just stored in its user's file.
 *
 * @example
 * listTransfer(records, transfer)
 */
export function listTransfer(records: BankRecords, transfer: Transfer): void {
  records.placeOf.set(transfer, records.transfers.length)
  records.transfers.push(transfer)
  keepFirst(records.transferById, transfer.id, transfer)
  if (transfer.approvalUuid !== null)
    keepFirst(records.transferByUuid, transfer.approvalUuid, transfer)
}

/**
 * Lists a sign-in just stored in its user's file.
 *
 * @example
 * listSignIn(records, signIn)
 */
export function listSignIn(records: BankRecords, signIn: SignIn): void {
  records.signIns.push(signIn)
  keepFirst(records.signInById, signIn.id, signIn)
  if (signIn.approvalUuid !== null) keepFirst(records.signInByUuid, signIn.approvalUuid, signIn)
}

/**
 * Adds a value under a key, unless one is there already: a lookup finds the first record with a
 * key, as a search of the list from its start would.
 *
 * @example
 * keepFirst(records.transferByUuid, uuid, transfer)
 */
export function keepFirst<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value)
}
