import { z } from 'zod'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'

/** A browser bound to a registered user. Only a hash of the cookie's session id is kept. */
export interface Session {
  /** sha256 of the session id, hex. */
  idHash: string
  userId: string
  createdAt: string
}

/** Everything in `bank.json`. */
export interface BankData {
  version: 1
  users: User[]
  sessions: Session[]
  transfers: Transfer[]
}

const isoDate = z.iso.datetime()

const userSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  countryCode: z.string(),
  phoneNumber: z.string(),
  authyId: z.int().positive(),
  createdAt: isoDate,
}) satisfies z.ZodType<User>

const sessionSchema = z.object({
  idHash: z.string().regex(/^[0-9a-f]{64}$/),
  userId: z.string().min(1),
  createdAt: isoDate,
}) satisfies z.ZodType<Session>

const transferSchema = z.object({
  id: z.string().min(1),
  userId: z.string().min(1),
  requestId: z.string().min(1),
  recipientEmail: z.string(),
  accountNumber: z.string(),
  amountCents: z.int().positive(),
  status: z.enum(['sending', 'pending', 'approved', 'denied', 'expired', 'failed']),
  approvalUuid: z.string().nullable(),
  secondsToExpire: z.int().positive(),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  decidedAt: isoDate.nullable(),
  problem: z
    .object({
      message: z.string(),
      at: isoDate,
      missingStep: z.int().min(1).max(4).optional(),
    })
    .nullable(),
}) satisfies z.ZodType<Transfer>

export const bankDataSchema = z.object({
  version: z.literal(1),
  users: z.array(userSchema),
  sessions: z.array(sessionSchema),
  transfers: z.array(transferSchema),
}) satisfies z.ZodType<BankData>

/**
 * An empty bank.
 *
 * @example
 * const db = new Low(new JSONFile(file), emptyBankData())
 */
export function emptyBankData(): BankData {
  return { version: 1, users: [], sessions: [], transfers: [] }
}
