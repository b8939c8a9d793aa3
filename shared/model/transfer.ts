import type { ApprovalStatus } from '../authy/index.js'

/**
 * Where a transfer stands:
 * `sending` (stored, approval request not sent yet), then `pending` (waiting for the phone),
 * then one of Authy's final statuses; `failed` when the approval request could not be sent.
 */
export type TransferStatus = 'sending' | ApprovalStatus | 'failed'

/** A money transfer, stored before anything is sent for it. */
export interface Transfer {
  /** Our own random id, used in URLs. */
  id: string
  userId: string
  /** The form's one-time id: a resubmitted form finds its transfer instead of making another. */
  requestId: string
  recipientEmail: string
  accountNumber: string
  /** Whole cents, so $10.50 is 1050. */
  amountCents: number
  status: TransferStatus
  /** The OneTouch approval request's uuid (step 2), shown as the transaction id. */
  approvalUuid: string | null
  secondsToExpire: number
  createdAt: string
  /** When the approval request expires: set once it is sent. */
  expiresAt: string | null
  /** When the final status was stored. */
  decidedAt: string | null
  /** What went wrong last, shown on the transfer's page; cleared when things recover. */
  problem: TransferProblem | null
}

export interface TransferProblem {
  message: string
  at: string
  /** Set when the problem is an unfinished workshop step. */
  missingStep?: number
}

/** A transfer whose approval request was sent, so it has a uuid. */
export type SentTransfer = Transfer & { approvalUuid: string }

/** The statuses a transfer never leaves. */
export const FINAL_STATUSES: readonly TransferStatus[] = ['approved', 'denied', 'expired', 'failed']

/** The statuses a decision on the phone (or its expiry) moves a pending transfer to. */
export const DECISIONS: readonly TransferStatus[] = ['approved', 'denied', 'expired']

/**
 * Is this status final?
 *
 * @example
 * isFinal('pending') // false
 */
export function isFinal(status: TransferStatus): boolean {
  return FINAL_STATUSES.includes(status)
}

/**
 * Is this a decision a pending transfer may take (`approved`, `denied` or `expired`)? Anything
 * else, whatever a step or a callback says, is not.
 *
 * @example
 * isDecision('approved') // true
 * isDecision('pending') // false
 */
export function isDecision(status: string): status is 'approved' | 'denied' | 'expired' {
  return (DECISIONS as readonly string[]).includes(status)
}
