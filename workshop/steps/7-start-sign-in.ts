import type { StartSignInStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 7: ask the user's phone to approve a sign-in.
 *
 * The app calls this once the password is right; the browser is not signed in yet. Push an
 * approval request saying who signs in, from which browser and when, with a short expiry. Return
 * its uuid: the app signs the browser in only when the phone approves it.
 */
export const startSignIn: StartSignInStep = async ({ authy, user, browser, secondsToExpire }) => {
  // #region step 7
  // 🐨 Send a OneTouch approval request (authy.createApprovalRequest) for this sign-in: the
  //    message 'Request to sign in to OneTouch Bank'; the details Email, IP Address, Browser and
  //    Time; and secondsToExpire. Return the approval request's uuid.
  // 💡 Stuck? `npm run hint -- 7`. Done? `npm run check`.
  return stepNotDone(7)
  // #endregion step 7
}
