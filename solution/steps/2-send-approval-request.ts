import { formatDollars } from '../../shared/model/money.js'
import type { SendApprovalRequestStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 2: send the approval request with the transfer details and `seconds_to_expire`.
 *
 * The app has already stored the transfer. Ask Authy to push it to the user's phone: a message,
 * the details the user approves (who pays whom, which account, how much) and how long the
 * request stays open. Return the approval request's uuid; the app keeps it with the transfer.
 */
export const sendApprovalRequest: SendApprovalRequestStep = async ({
  authy,
  user,
  transfer,
  secondsToExpire,
}) => {
  // #region step 2
  const reply = await authy.createApprovalRequest({
    authyId: user.authyId,
    message: `Transfer money to ${transfer.recipientEmail}`,
    details: {
      From: user.email,
      To: transfer.recipientEmail,
      'Account Number': transfer.accountNumber,
      'US Dollar Amount': formatDollars(transfer.amountCents),
    },
    secondsToExpire,
  })
  return reply.approval_request.uuid
  // #endregion step 2
}
