import type { ApprovalStatus } from '../../shared/authy/index.js'
import type { WaitForApprovalStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 3: poll the approval request until it leaves `pending`, then store its status.
 *
 * The app runs this in the background once the request is sent. Ask Authy for the request's
 * status every `pollIntervalMs`; when it is no longer `pending` (approved, denied or expired),
 * save it. `sleep` throws when waiting no longer makes sense (the request expired, the app is
 * stopping, or a callback already brought the answer), which ends the loop for you.
 */
export const waitForApproval: WaitForApprovalStep = async ({
  authy,
  transfer,
  transfers,
  pollIntervalMs,
  sleep,
}) => {
  // #region step 3
  let status: ApprovalStatus = 'pending'
  while (status === 'pending') {
    await sleep(pollIntervalMs)
    const reply = await authy.getApprovalRequest({ uuid: transfer.approvalUuid })
    status = reply.approval_request.status
  }
  await transfers.saveStatus(transfer.approvalUuid, status)
  // #endregion step 3
}
