import { createHash } from 'node:crypto'
import type { User } from '../../model/user.js'
import type { Session } from './store-schema.js'
import { keepFirst, listUser, userFile } from './bank-records.js'
import { copy, type StoreContext } from './store-context.js'

/** A session's stage short of being signed in, and what it is waiting for. */
export type SessionStage = Omit<Session, 'idHash' | 'createdAt'>

/** The users and sessions of the store. */
export interface UserRecords {
  addUser(user: User): Promise<void>
  getUser(id: string): User | undefined
  /** Every user, oldest first: for counts and tools. */
  allUsers(): User[]
  /** The user with this email, ignoring case. */
  findUserByEmail(email: string): User | undefined
  /** Changes some fields of a user; resolves to the user as stored, or undefined. */
  updateUser(id: string, change: Partial<Omit<User, 'id'>>): Promise<User | undefined>
  /** Binds a (new) session id to a user: the browser is signed in. */
  bindSession(sessionId: string, userId: string): Promise<void>
  /** Binds a (new) session id to a user it is not signed in as yet: it owes a second factor. */
  bindPendingSession(
    sessionId: string,
    pending: Omit<SessionStage, 'stage'> & { stage: Exclude<Session['stage'], 'signed-in'> }
  ): Promise<void>
  /** The signed-in user of a session; undefined while it still owes a second factor. */
  userOfSession(sessionId: string): User | undefined
  /** What a session still owes before it is signed in, if anything. */
  pendingOfSession(sessionId: string): SessionStage | undefined
  endSession(sessionId: string): Promise<void>
  /** Calls `listener` after every stored change of a user (added or updated). Returns the unsubscribe function. */
  onUserChange(listener: (user: User) => void): () => void
}

/**
 * The store's users and sessions. Only a hash of a session id is kept.
 *
 * @example
 * const users = userRecords(ctx)
 */
export function userRecords(ctx: StoreContext): UserRecords {
  const { records } = ctx
  const listeners = new Set<(user: User) => void>()
  const changed = (user: User) => {
    for (const listener of listeners) listener(copy(user))
  }
  const hash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex')
  const sessionOf = (sessionId: string) => records.sessionByHash.get(hash(sessionId))
  const getUser = (id: string) => {
    const user = records.userById.get(id)
    return user && copy(user)
  }
  const bind = async (sessionId: string, stage: SessionStage) => {
    const session: Session = { idHash: hash(sessionId), createdAt: ctx.now(), ...stage }
    userFile(records, session.userId).sessions.push(session)
    keepFirst(records.sessionByHash, session.idHash, session)
    await ctx.save(session.userId)
  }

  return {
    async addUser(user) {
      const stored = copy(user)
      const file = userFile(records, stored.id)
      if (file.user !== null) throw new Error(`A user with the id ${stored.id} is stored already.`)
      file.user = stored
      listUser(records, stored)
      await ctx.save(stored.id)
      changed(user)
    },

    getUser,

    allUsers() {
      return records.users.map(copy)
    },

    findUserByEmail(email) {
      const wanted = email.toLowerCase()
      const user = records.users.find((candidate) => candidate.email.toLowerCase() === wanted)
      return user && copy(user)
    },

    async updateUser(id, change) {
      const user = records.userById.get(id)
      if (!user) return undefined
      Object.assign(user, copy(change))
      await ctx.save(id)
      changed(user)
      return copy(user)
    },

    bindSession: (sessionId, userId) =>
      bind(sessionId, { userId, stage: 'signed-in', signInId: null }),

    bindPendingSession: (sessionId, pending) => bind(sessionId, pending),

    userOfSession(sessionId) {
      const session = sessionOf(sessionId)
      return session?.stage === 'signed-in' ? getUser(session.userId) : undefined
    },

    pendingOfSession(sessionId) {
      const session = sessionOf(sessionId)
      if (!session || session.stage === 'signed-in') return undefined
      return { userId: session.userId, stage: session.stage, signInId: session.signInId }
    },

    async endSession(sessionId) {
      const session = sessionOf(sessionId)
      if (!session) return
      records.sessionByHash.delete(session.idHash)
      const sessions = userFile(records, session.userId).sessions
      sessions.splice(sessions.indexOf(session), 1)
      await ctx.save(session.userId)
    },

    onUserChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
