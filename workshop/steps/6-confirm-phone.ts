import { phoneE164 } from '../../shared/model/user.js'
import type { ConfirmPhoneStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 6: check the code the user typed, then text them that sign-up is complete.
 *
 * The app calls this when the user sends the code they received. A wrong code makes Authy answer
 * with an error: let it go up, the app counts wrong codes and says so on the form. Once the code
 * is right, send the confirmation text with Twilio (`twilio` is the official client).
 */
export const confirmPhone: ConfirmPhoneStep = async ({ authy, twilio, user, code, from }) => {
  // #region step 6
  // 🐨 Check the code with Authy (authy.verifyToken): it throws when the code is wrong, and the
  //    app tells the user. Then text the user with Twilio (twilio.messages.create): 'You did it!
  //    Signup complete :)', from `from` to the user's phone (phoneE164(user)).
  // 💡 Stuck? `npm run hint -- 6`. Done? `npm run check`.
  return stepNotDone(6)
  // #endregion step 6
}
