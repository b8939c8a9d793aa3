// A bank as version 2 kept it, all in one bank.json: users, their sessions, transfers and
// sign-ins, made up but valid, for the tests of the split into users' files and the benchmarks.
import { createHash } from 'node:crypto'
import type { BankData } from '../../../shared/bank/store/store-schema.js'
import type { SignIn } from '../../../shared/model/sign-in.js'
import type { TransferStatus } from '../../../shared/model/transfer.js'
import { aTransfer, aUser } from './temp-store.js'

const STATUSES: TransferStatus[] = ['approved', 'denied', 'expired', 'failed', 'pending']

/**
 * A version 2 bank of `users` users with `transfersPerUser` transfers each (one in five pending,
 * unless `decidedOnly`), one session and one sign-in each; ids and times differ record by record, in the order they were
 * made. The same arguments always give the same bank.
 *
 * @example
 * writeFileSync(file, JSON.stringify(aVersionTwoBank({ users: 100, transfersPerUser: 5 })))
 */
export function aVersionTwoBank(size: {
  users: number
  transfersPerUser: number
  /** Only decided transfers (approved, denied, expired, failed): nothing waits on a phone. */
  decidedOnly?: boolean
}): BankData {
  const data: BankData = { version: 2, users: [], sessions: [], transfers: [], signIns: [] }
  const start = Date.parse('2026-01-01T00:00:00.000Z')
  let made = 0
  const nextTime = () => new Date(start + made++ * 1000).toISOString()
  for (let u = 0; u < size.users; u++) {
    const userId = `user-${String(u).padStart(6, '0')}`
    data.users.push(
      aUser({ id: userId, email: `user${u}@example.com`, authyId: 1000 + u, createdAt: nextTime() })
    )
    data.sessions.push({
      idHash: createHash('sha256').update(`session of ${userId}`).digest('hex'),
      userId,
      createdAt: nextTime(),
      stage: 'signed-in',
      signInId: null,
    })
    data.signIns.push(aSignIn(userId, nextTime()))
    for (let t = 0; t < size.transfersPerUser; t++) {
      const statuses = size.decidedOnly ? STATUSES.slice(0, -1) : STATUSES
      const status = statuses[(u + t) % statuses.length]!
      const createdAt = nextTime()
      data.transfers.push(
        aTransfer({
          id: `t-${u}-${t}`,
          userId,
          requestId: `r-${u}-${t}`,
          status,
          approvalUuid: status === 'failed' ? null : `uuid-${u}-${t}`,
          createdAt,
          decidedAt: status === 'pending' ? null : createdAt,
        })
      )
    }
  }
  return data
}

function aSignIn(userId: string, createdAt: string): SignIn {
  return {
    id: `sign-in-of-${userId}`,
    userId,
    status: 'approved',
    approvalUuid: `uuid-sign-in-${userId}`,
    browser: { ip: '127.0.0.1', userAgent: 'test' },
    createdAt,
    expiresAt: createdAt,
    decidedAt: createdAt,
    completedAt: createdAt,
    completedBy: 'onetouch',
    problem: null,
  }
}
