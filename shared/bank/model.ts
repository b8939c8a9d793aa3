import type { ApprovalStatus } from '../authy/index.js'

/** Someone who registered in this browser. */
export interface User {
  /** Our own random id (never the Authy id), used in sessions. */
  id: string
  email: string
  /** Calling code, digits only: `1`, `44`. */
  countryCode: string
  /** As typed on the form, without the country code. */
  phoneNumber: string
  /** The id Authy gave this user (step 1). */
  authyId: number
  createdAt: string
}

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
