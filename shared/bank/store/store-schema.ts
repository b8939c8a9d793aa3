import { z } from 'zod'
import type { SignIn } from '../../model/sign-in.js'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'

/**
 * A browser the bank knows. Only a hash of the cookie's session id is kept. A session is signed in
 * only at the stage `signed-in`; before that it owes a second factor: the code sent to a new
 * phone (`verifying-phone`) or the sign-in's approval or code (`second-factor`), and no page that
 * needs a user is open to it.
 */
export interface Session {
  /** sha256 of the session id, hex. */
  idHash: string
  userId: string
  createdAt: string
  stage: 'signed-in' | 'verifying-phone' | 'second-factor'
  /** The sign-in attempt, at the stage `second-factor`. */
  signInId: string | null
}

/** Everything `bank.json` held in version 2, the last with one file for the whole bank. */
export interface BankData {
  version: 2
  users: User[]
  sessions: Session[]
  transfers: Transfer[]
  signIns: SignIn[]
}

const isoDate = z.iso.datetime()

const userSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  countryCode: z.string(),
  phoneNumber: z.string(),
  authyId: z.int().positive().nullable(),
  createdAt: isoDate,
  passwordHash: z.string().nullable(),
  phoneConfirmed: z.object({ at: isoDate, by: z.enum(['code', 'skipped']) }).nullable(),
}) satisfies z.ZodType<User>

const sessionSchema = z.object({
  idHash: z.string().regex(/^[0-9a-f]{64}$/),
  userId: z.string().min(1),
  createdAt: isoDate,
  stage: z.enum(['signed-in', 'verifying-phone', 'second-factor']),
  signInId: z.string().nullable(),
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
      missingStep: z.int().min(1).max(8).optional(),
    })
    .nullable(),
}) satisfies z.ZodType<Transfer>

const signInSchema = z.object({
  id: z.string().min(1),
  userId: z.string().min(1),
  status: z.enum(['sending', 'pending', 'approved', 'denied', 'expired', 'no-app', 'failed']),
  approvalUuid: z.string().nullable(),
  browser: z.object({ ip: z.string(), userAgent: z.string() }),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  decidedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  completedBy: z.enum(['onetouch', 'code', 'password-only']).nullable(),
  problem: z
    .object({ message: z.string(), missingStep: z.int().min(1).max(8).optional() })
    .nullable(),
}) satisfies z.ZodType<SignIn>

/** A user's records, as kept in that user's own file (see `bank-files.ts`). */
export interface UserRecordsFile {
  version: 3
  /** The user these records belong to. */
  userId: string
  /** Null for records whose user was never stored (data from a hand-written or older file). */
  user: User | null
  sessions: Session[]
  transfers: Transfer[]
  signIns: SignIn[]
}

/**
 * A user's file: every record in it belongs to its user.
 *
 * @example
 * userRecordsFileSchema.safeParse(JSON.parse(text))
 */
export const userRecordsFileSchema = z
  .object({
    version: z.literal(3),
    userId: z.string().min(1),
    user: userSchema.nullable(),
    sessions: z.array(sessionSchema),
    transfers: z.array(transferSchema),
    signIns: z.array(signInSchema),
  })
  .superRefine((file, problems) => {
    if (file.user !== null && file.user.id !== file.userId)
      problems.addIssue({ code: 'custom', message: 'the user is not the file’s', path: ['user'] })
    for (const key of ['sessions', 'transfers', 'signIns'] as const) {
      const index = file[key].findIndex((record) => record.userId !== file.userId)
      if (index !== -1)
        problems.addIssue({ code: 'custom', message: 'not the file’s user', path: [key, index] })
    }
  }) satisfies z.ZodType<UserRecordsFile>

/** `bank.json` since version 3: where the users' files are. Every record is in one of them. */
export interface BankIndex {
  version: 3
  /** The folder of the users' files, beside `bank.json`. */
  users: string
}

export const bankIndexSchema = z.object({
  version: z.literal(3),
  users: z.string().regex(/^[a-z-]+$/),
}) satisfies z.ZodType<BankIndex>

export const bankDataSchema = z.object({
  version: z.literal(2),
  users: z.array(userSchema),
  sessions: z.array(sessionSchema),
  transfers: z.array(transferSchema),
  signIns: z.array(signInSchema),
}) satisfies z.ZodType<BankData>

/** `bank.json` as module 1 wrote it: users without passwords, sessions bound at registration. */
const moduleOneSchema = z.object({
  version: z.literal(1),
  users: z.array(userSchema.omit({ passwordHash: true, phoneConfirmed: true })),
  sessions: z.array(z.unknown()),
  transfers: z.array(transferSchema),
})

/**
 * An empty bank.
 *
 * @example
 * const db = new Low(new JSONFile(file), emptyBankData())
 */
export function emptyBankData(): BankData {
  return { version: 2, users: [], sessions: [], transfers: [], signIns: [] }
}

/**
 * Reads the content of `bank.json`, bringing module 1's format up to date: its users have no
 * password (they set one by signing up again with the same email) and its sessions end (they were
 * made without a second factor). `migrated` says what changed, for the terminal.
 *
 * @example
 * const read = readBankData(JSON.parse(text))
 * if (!read.success) throw new Error(read.problem)
 */
export function readBankData(
  content: unknown
):
  | { success: true; data: BankData; migrated?: string }
  | { success: false; problem: string } {
  const current = bankDataSchema.safeParse(content)
  if (current.success) return { success: true, data: current.data }
  const old = moduleOneSchema.safeParse(content)
  if (old.success) {
    const users = old.data.users.map((user) => ({
      ...user,
      passwordHash: null,
      phoneConfirmed: null,
    }))
    return {
      success: true,
      data: { version: 2, users, sessions: [], transfers: old.data.transfers, signIns: [] },
      migrated:
        `bank.json came from module 1: its ${users.length} user${users.length === 1 ? '' : 's'} ` +
        'had no password. They keep their transfers and set a password by signing up again with ' +
        'the same email; everyone signs in again.',
    }
  }
  return { success: false, problem: firstIssue(current.error) }
}

/**
 * What is wrong with a file, for its message: zod's first issue, and where it is.
 *
 * @example
 * firstIssue(bankIndexSchema.safeParse(content).error!) // 'Invalid input: … at users'
 */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
  return `${issue?.message}${where}`
}
