// Module 2's codes with Twilio Verify: a Verification by SMS confirms the phone. The regions are
// the Verify equivalents of workshop steps 5 and 6 (`npm run diff -- 6 --provider verify`).
import { phoneE164, type User } from '../../../model/user.js'
import type { TwilioClient } from '../../../twilio/client.js'
import { WrongCodeError } from '../provider.js'
import type { VerifyService } from './verify-service.js'

/**
 * Step 5 with Verify: a Verification by SMS. Asked again within 10 minutes, Verify sends the same
 * code again (the same verification).
 *
 * @example
 * await sendVerificationCode({ verify, user })
 */
export async function sendVerificationCode({
  verify,
  user,
}: {
  verify: VerifyService
  user: User
}): Promise<void> {
  // #region step 5
  await verify.verifications.create({ to: phoneE164(user), channel: 'sms' })
  // #endregion step 5
}

/**
 * Step 6 with Verify: the VerificationCheck, then the confirmation text with the Messages API. A
 * wrong code is not an error on Verify (200, `status: pending`), and a code checked after the
 * verification was approved or expired is a 404 (20404): both are a wrong code here. Resolves to
 * the text's error when only the text failed.
 *
 * @example
 * const { textError } = await checkVerificationCode({ verify, twilio, user, code, from })
 */
export async function checkVerificationCode({
  verify,
  twilio,
  user,
  code,
  from,
}: {
  verify: VerifyService
  twilio: TwilioClient
  user: User
  code: string
  from: string
}): Promise<{ textError?: unknown }> {
  // #region step 6
  const check = await verify.verificationChecks
    .create({ to: phoneE164(user), code })
    .catch(noVerificationIsWrong)
  if (check.status !== 'approved') throw new WrongCodeError(`the code is ${check.status}`)
  return twilio.messages
    .create({ to: phoneE164(user), from, body: 'You did it! Signup complete :)' })
    .then(
      () => ({}),
      (textError: unknown) => ({ textError })
    )
  // #endregion step 6
}

/**
 * A VerificationCheck's failure that means "that code cannot be right": no pending verification
 * (404 / 20404: never sent, already approved, expired) or too many wrong checks (429 / 60202).
 * Anything else goes up as it is.
 *
 * @example
 * const check = await verify.verificationChecks.create({ to, code }).catch(noVerificationIsWrong)
 */
export function noVerificationIsWrong(error: { status?: number; code?: number }): never {
  if (error.status === 404 || error.code === 60202) {
    throw new WrongCodeError(
      error.status === 404 ? 'no code is waiting for this phone' : 'too many wrong codes'
    )
  }
  throw error
}
