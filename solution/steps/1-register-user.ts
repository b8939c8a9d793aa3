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
  const reply = await authy.registerUser({ email, cellphone: phoneNumber, countryCode })
  return reply.user.id
  // #endregion step 1
}
