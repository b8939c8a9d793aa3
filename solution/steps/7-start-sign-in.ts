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
  const reply = await authy.createApprovalRequest({
    authyId: user.authyId,
    message: 'Request to sign in to OneTouch Bank',
    details: {
      Email: user.email,
      'IP Address': browser.ip,
      Browser: browser.userAgent,
      Time: browser.at,
    },
    secondsToExpire,
  })
  return reply.approval_request.uuid
  // #endregion step 7
}
