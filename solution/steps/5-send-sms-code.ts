import type { SendSmsCodeStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 5: send the user a code by SMS.
 *
 * The app calls this right after sign-up, so the user can show the phone is theirs, and again when
 * they ask for a new code or for a code to sign in with. Authy does not text users who have its
 * app unless told to send anyway.
 */
export const sendSmsCode: SendSmsCodeStep = async ({ authy, user }) => {
  // #region step 5
  await authy.requestSms({ authyId: user.authyId, force: true })
  // #endregion step 5
}
