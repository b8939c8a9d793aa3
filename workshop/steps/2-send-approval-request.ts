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
  // 🐨 Send a OneTouch approval request for this transfer (authy.createApprovalRequest):
  //    a message naming the recipient; the details From, To, Account Number and
  //    US Dollar Amount; and secondsToExpire. Return the approval request's uuid.
  // 💡 Stuck? `npm run hint -- 2`. Done? `npm run check`.
  return stepNotDone(2)
  // #endregion step 2
}
