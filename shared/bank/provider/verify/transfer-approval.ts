// Module 1 with Twilio Verify: the transfer's approval is a Verify Push challenge. The regions are
// the Verify equivalents of workshop steps 2 and 3 (`npm run diff -- 2 --provider verify`).
import { formatDollars } from '../../../model/money.js'
import type { SentTransfer, Transfer } from '../../../model/transfer.js'
import type { User } from '../../../model/user.js'
import type { TransferStatusStore } from '../../../steps/contracts.js'
import { fieldValue, pushFactorSid, verifyIdentity, type VerifyService } from './verify-service.js'

/**
 * Step 2 with Verify: a push challenge to the user's phone (its newest verified push factor) with
 * the message, the fields `From`, `To`, `Account Number` and `US Dollar Amount`, the transfer's
 * id as hidden details, and the transfer's expiry. Resolves to the challenge's SID.
 *
 * @example
 * const sid = await sendTransferChallenge({ verify, user, transfer, secondsToExpire: 600, now: Date.now() })
 */
export async function sendTransferChallenge({
  verify,
  user,
  transfer,
  secondsToExpire,
  now,
}: {
  verify: VerifyService
  user: User
  transfer: Transfer
  secondsToExpire: number
  now: number
}): Promise<string> {
  // #region step 2
  const identity = verifyIdentity(user.id)
  const challenge = await verify.entities(identity).challenges.create({
    factorSid: await pushFactorSid(verify, identity),
    'details.message': `Transfer money to ${transfer.recipientEmail}`,
    'details.fields': [
      { label: 'From', value: fieldValue(user.email) },
      { label: 'To', value: transfer.recipientEmail },
      { label: 'Account Number', value: transfer.accountNumber },
      { label: 'US Dollar Amount', value: formatDollars(transfer.amountCents) },
    ],
    hiddenDetails: { transferId: transfer.id },
    expirationDate: new Date(now + secondsToExpire * 1000),
  })
  return challenge.sid
  // #endregion step 2
}

/**
 * Step 3 with Verify: reads the challenge every `pollIntervalMs` until it leaves `pending`, then
 * stores its status. The webhook usually brings the answer first; this is the safety net, and
 * the only way to learn of an expiry (Verify sends no `challenge.expired`).
 *
 * @example
 * await waitForChallenge({ verify, transfer, transfers, pollIntervalMs: 1000, sleep, calls })
 */
export async function waitForChallenge({
  verify,
  transfer,
  transfers,
  pollIntervalMs,
  sleep,
  calls,
}: {
  verify: VerifyService
  transfer: SentTransfer
  transfers: TransferStatusStore
  pollIntervalMs: number
  sleep: (ms: number) => Promise<void>
  calls: { before: () => Promise<void>; after: () => void }
}): Promise<void> {
  const challenge = verify
    .entities(verifyIdentity(transfer.userId))
    .challenges(transfer.approvalUuid)
  const read = async () => {
    await calls.before()
    const { status } = await challenge.fetch()
    calls.after()
    return status
  }
  // #region step 3
  let status = 'pending'
  while (status === 'pending') {
    await sleep(pollIntervalMs)
    status = await read()
  }
  await transfers.saveStatus(transfer.approvalUuid, status)
  // #endregion step 3
}

/**
 * One read of a challenge's status (Verify evaluates its expiry on read).
 *
 * @example
 * await challengeStatus(verify, { approvalId: 'YC…', userId })
 */
export async function challengeStatus(
  verify: VerifyService,
  request: { approvalId: string; userId: string }
): Promise<string> {
  const challenge = await verify
    .entities(verifyIdentity(request.userId))
    .challenges(request.approvalId)
    .fetch()
  return challenge.status
}
