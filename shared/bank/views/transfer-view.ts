import type { Transfer, TransferStatus } from '../../model/transfer.js'
import { isFinal } from '../../model/transfer.js'
import { utcText } from '../../runtime/utc-text.js'

const LABELS: Record<TransferStatus, string> = {
  sending: 'Sending',
  pending: 'Waiting',
  approved: 'Approved',
  denied: 'Denied',
  expired: 'Expired',
  failed: 'Failed',
}

const HEADLINES: Record<TransferStatus, string> = {
  sending: 'Sending the approval request to your phone',
  pending: 'Waiting for approval on your phone',
  approved: 'Money transfer approved',
  denied: 'Money transfer denied',
  expired: 'Money transfer expired',
  failed: 'Money transfer failed',
}

const SUMMARIES: Record<TransferStatus, string> = {
  sending: 'The bank is sending this transfer to your phone for approval.',
  pending:
    'Open the app on your phone (Authy, or with Verify the bank’s own; the phone page in this ' +
    'workshop) and approve or deny this transfer. This page updates by itself.',
  approved: 'You approved this transfer on your phone. The money is on its way.',
  denied: 'You denied this transfer on your phone. No money was moved.',
  expired: 'Nobody answered on the phone in time, so the request expired. No money was moved.',
  failed: 'The bank could not get this transfer approved on your phone, so no money was moved.',
}

// What the moment a transfer became final is called on its page.
const DECIDED_LABELS: Partial<Record<TransferStatus, string>> = {
  approved: 'Approved at',
  denied: 'Denied at',
  expired: 'Expired at',
  failed: 'Failed at',
}

/** What the transfer page shows for a transfer's state: rendered on the server, and sent live. */
export interface TransferView {
  id: string
  status: TransferStatus
  label: string
  headline: string
  summary: string
  final: boolean
  expiresAt: string | null
  problem: string | null
  missingStep: number | null
  /** When it became final, e.g. `{ label: 'Approved at', text: 'Jan 1, 09:05 UTC' }`. */
  decided: { label: string; text: string; at: string } | null
}

/**
 * The texts of a transfer's state, shared by the page and its live updates.
 *
 * @example
 * transferView(transfer).headline // 'Waiting for approval on your phone'
 */
export function transferView(transfer: Transfer): TransferView {
  return {
    id: transfer.id,
    status: transfer.status,
    label: LABELS[transfer.status],
    headline: HEADLINES[transfer.status],
    summary: SUMMARIES[transfer.status],
    final: isFinal(transfer.status),
    expiresAt: transfer.expiresAt,
    problem: transfer.problem?.message ?? null,
    missingStep: transfer.problem?.missingStep ?? null,
    decided:
      transfer.decidedAt && DECIDED_LABELS[transfer.status]
        ? {
            label: DECIDED_LABELS[transfer.status]!,
            text: utcText(transfer.decidedAt),
            at: transfer.decidedAt,
          }
        : null,
  }
}

/**
 * The short name of a status, for badges.
 *
 * @example
 * statusLabel('pending') // 'Waiting'
 */
export function statusLabel(status: TransferStatus): string {
  return LABELS[status]
}
