import type { RegisterUserStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 1: register the user with Authy and keep the Authy id.
 *
 * The app calls this when someone submits the register form. Authy knows users by their phone
 * number: registering the same phone twice gives back the same id. Return that id; the app
 * stores it with the user.
 */
export const registerUser: RegisterUserStep = async ({
  authy,
  email,
  countryCode,
  phoneNumber,
}) => {
  // #region step 1
  // 🐨 Register the user with Authy (authy.registerUser) and return the Authy id it gives back.
  // 💡 Stuck? `npm run hint -- 1`. Done? `npm run check`.
  return stepNotDone(1)
  // #endregion step 1
}
