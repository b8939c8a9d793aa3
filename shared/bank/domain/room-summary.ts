import type { SignIn } from '../../model/sign-in.js'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import type { AppSummary } from '../../sandbox/index.js'
import type { BankStore } from '../store/store.js'
import { DEMO_EMAIL } from './presenter-demo.js'

/** One attendee of the room's progress grid. */
export interface Attendee {
  name: string
  steps_done: number[]
  /** ISO date of the last report. */
  last_seen: string
}

/** What the presenter's room view shows, and `GET /presenter/summary` answers. */
export interface RoomSummary {
  room_code: string
  users: number
  phones_confirmed: number
  transfers: { pending: number; approved: number; denied: number; expired: number; failed: number }
  sign_ins: { approved: number; denied: number }
  /** Seconds from the push to the decision, over every approved or denied one. */
  decision_seconds: { p50: number | null; p90: number | null }
  attendees: Attendee[]
}

/** A decision in the room's feed: no phone numbers, no account numbers, amounts rounded. */
export interface RoomDecision {
  /** The first name part of the email: `ada` for `ada.lovelace@example.com`. */
  who: string
  what: 'transfer' | 'sign-in'
  status: 'approved' | 'denied' | 'expired'
  /** A transfer's amount to the dollar: `≈ $10`. */
  amount: string | null
  seconds: number | null
  at: string
}

/** Everything the room view shows at one moment. */
export interface RoomSnapshot {
  summary: RoomSummary
  /** Decisions per bucket of {@link HISTOGRAM_EDGES}. */
  histogram: number[]
  /** The last 20 decisions, newest first. */
  feed: RoomDecision[]
  /** When it was taken (milliseconds since the epoch): attendees not seen for long fade. */
  now: number
  /** The attendees' applications in the room the sandbox runs; undefined without a room. */
  apps: AppSummary[] | undefined
}

/** How many decisions the room's feed lists. */
export const FEED_LENGTH = 20

/**
 * The room view's figures now. The presenter's demo account is no learner: it is left out of the
 * user counts, while its transfers count and appear in the feed like any other.
 *
 * @example
 * const { summary, feed } = roomSnapshot({ roomCode, store, attendees: progress.attendees(), now: Date.now() })
 */
export function roomSnapshot(input: {
  roomCode: string
  store: Pick<BankStore, 'allUsers' | 'allTransfers' | 'allSignIns'>
  attendees: Attendee[]
  now: number
  apps?: AppSummary[] | undefined
}): RoomSnapshot {
  const users = input.store.allUsers()
  const transfers = input.store.allTransfers()
  const signIns = input.store.allSignIns()
  return {
    summary: roomSummary({
      roomCode: input.roomCode,
      users: users.filter((user) => user.email !== DEMO_EMAIL),
      transfers,
      signIns,
      attendees: input.attendees,
    }),
    histogram: histogram(decisionSeconds(transfers, signIns)),
    feed: recentDecisions(users, transfers, signIns, FEED_LENGTH),
    now: input.now,
    apps: input.apps,
  }
}

/**
 * The room's figures from the bank's records.
 *
 * @example
 * roomSummary({ roomCode: 'K7QX2M', users, transfers, signIns, attendees: [] }).transfers.approved
 */
export function roomSummary(input: {
  roomCode: string
  users: User[]
  transfers: Transfer[]
  signIns: SignIn[]
  attendees: Attendee[]
}): RoomSummary {
  const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length
  const { transfers, signIns } = input
  const seconds = decisionSeconds(transfers, signIns)
  return {
    room_code: input.roomCode,
    users: input.users.filter((user) => user.passwordHash !== null).length,
    phones_confirmed: count(input.users, (user) => user.phoneConfirmed !== null),
    transfers: {
      pending: count(transfers, (t) => t.status === 'pending' || t.status === 'sending'),
      approved: count(transfers, (t) => t.status === 'approved'),
      denied: count(transfers, (t) => t.status === 'denied'),
      expired: count(transfers, (t) => t.status === 'expired'),
      failed: count(transfers, (t) => t.status === 'failed'),
    },
    sign_ins: {
      approved: count(signIns, (s) => s.status === 'approved'),
      denied: count(signIns, (s) => s.status === 'denied'),
    },
    decision_seconds: { p50: percentile(seconds, 50), p90: percentile(seconds, 90) },
    attendees: input.attendees,
  }
}

/**
 * Seconds from each push to its decision (approved or denied by a person, not expired).
 *
 * @example
 * decisionSeconds(transfers, signIns) // [3.2, 5.9, …]
 */
export function decisionSeconds(transfers: Transfer[], signIns: SignIn[]): number[] {
  return [...transfers, ...signIns]
    .filter((record) => (record.status === 'approved' || record.status === 'denied') && record.decidedAt)
    .map((record) => (Date.parse(record.decidedAt!) - Date.parse(record.createdAt)) / 1000)
    .filter((value) => Number.isFinite(value) && value >= 0)
}

/**
 * The p-th percentile (nearest rank) of some values, one decimal; null with none.
 *
 * @example
 * percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return Math.round(sorted[rank - 1]! * 10) / 10
}

/** The histogram's buckets, in seconds: under 5, 5–10, 10–20, 20–30, 30–60, a minute and more. */
export const HISTOGRAM_EDGES = [0, 5, 10, 20, 30, 60] as const

/**
 * How many values fall in each bucket of {@link HISTOGRAM_EDGES}.
 *
 * @example
 * histogram([1, 7, 65]) // [1, 1, 0, 0, 0, 1]
 */
export function histogram(values: number[]): number[] {
  const counts = HISTOGRAM_EDGES.map(() => 0)
  for (const value of values) {
    let bucket = HISTOGRAM_EDGES.length - 1
    while (bucket > 0 && value < HISTOGRAM_EDGES[bucket]!) bucket--
    counts[bucket]!++
  }
  return counts
}

/**
 * The newest decisions, transfers and sign-ins together, newest first.
 *
 * @example
 * recentDecisions(users, transfers, signIns, 20)[0].who // 'ada'
 */
export function recentDecisions(
  users: User[],
  transfers: Transfer[],
  signIns: SignIn[],
  limit: number
): RoomDecision[] {
  const emailOf = new Map(users.map((user) => [user.id, user.email]))
  const decided = (status: string): status is RoomDecision['status'] =>
    status === 'approved' || status === 'denied' || status === 'expired'
  const entries: RoomDecision[] = []
  for (const record of [...transfers, ...signIns]) {
    if (!decided(record.status) || !record.decidedAt) continue
    const isTransfer = 'amountCents' in record
    const seconds = (Date.parse(record.decidedAt) - Date.parse(record.createdAt)) / 1000
    entries.push({
      who: firstName(emailOf.get(record.userId) ?? ''),
      what: isTransfer ? 'transfer' : 'sign-in',
      status: record.status,
      amount: isTransfer ? `≈ $${Math.round(record.amountCents / 100).toLocaleString('en-US')}` : null,
      seconds: record.status === 'expired' ? null : Math.round(seconds * 10) / 10,
      at: record.decidedAt,
    })
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit)
}

/**
 * The first name part of an email: up to the first dot, plus, dash, underscore or digit of its
 * local part, at most 20 characters. Nothing else of a learner appears on the projector.
 *
 * @example
 * firstName('ada.lovelace+bank@example.com') // 'ada'
 */
export function firstName(email: string): string {
  const local = email.split('@')[0] ?? ''
  const first = local.split(/[.+_\-0-9]/)[0] || local
  return first.slice(0, 20) || 'someone'
}
