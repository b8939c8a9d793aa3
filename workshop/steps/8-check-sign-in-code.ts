import type { CheckSignInCodeStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 8: sign in with a code instead of the push.
 *
 * When the phone denies the sign-in, lets it expire, or has no Authy app, the user can type a
 * code: one texted by "Text me a code" (your step 5 sends it) or the one the Authy app shows.
 * A wrong code makes Authy answer with an error: let it go up, the app counts wrong codes.
 */
export const checkSignInCode: CheckSignInCodeStep = async ({ authy, user, token }) => {
  // #region step 8
  // 🐨 Check the code the user typed (authy.verifyToken): an SMS code or the Authy app's code.
  //    It throws when the code is wrong, and the app tells the user.
  // 💡 Stuck? `npm run hint -- 8`. Done? `npm run check`.
  return stepNotDone(8)
  // #endregion step 8
}
