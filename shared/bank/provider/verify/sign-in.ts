// Module 2's sign-in with Twilio Verify: a push challenge, and a code as the fallback (a texted
// one, or the authenticator app's TOTP). The regions are the Verify equivalents of workshop steps
// 7 and 8 (`npm run diff -- 7 --provider verify`).
import { phoneE164, type User } from '../../../model/user.js'
import type { SigningInBrowser } from '../provider.js'
import { WrongCodeError } from '../provider.js'
import {
  fieldValue,
  newestFactorSid,
  pushFactorSid,
  verifyIdentity,
  type VerifyService,
} from './verify-service.js'

/**
 * Step 7 with Verify: a push challenge saying who signs in, from which browser and when, expiring
 * soon. Resolves to the challenge's SID.
 *
 * @example
 * const sid = await sendSignInChallenge({ verify, user, browser, secondsToExpire: 120, now: Date.now() })
 */
export async function sendSignInChallenge({
  verify,
  user,
  browser,
  secondsToExpire,
  now,
}: {
  verify: VerifyService
  user: User
  browser: SigningInBrowser
  secondsToExpire: number
  now: number
}): Promise<string> {
  // #region step 7
  const identity = verifyIdentity(user.id)
  const challenge = await verify.entities(identity).challenges.create({
    factorSid: await pushFactorSid(verify, identity),
    'details.message': 'Request to sign in to OneTouch Bank',
    'details.fields': [
      { label: 'Email', value: fieldValue(user.email) },
      { label: 'IP Address', value: fieldValue(browser.ip) },
      { label: 'Browser', value: fieldValue(browser.userAgent) },
      { label: 'Time', value: browser.at },
    ],
    expirationDate: new Date(now + secondsToExpire * 1000),
  })
  return challenge.sid
  // #endregion step 7
}

/**
 * Step 8 with Verify: a code typed instead of the push. A texted one is a VerificationCheck; any
 * other, the authenticator app's, answers a TOTP challenge of the user's verified TOTP factor
 * (`AuthPayload` approves it at once). Wrong either way → {@link WrongCodeError}.
 *
 * @example
 * await checkSignInCode({ verify, user, code: '123456' })
 */
export async function checkSignInCode({
  verify,
  user,
  code,
}: {
  verify: VerifyService
  user: User
  code: string
}): Promise<void> {
  const identity = verifyIdentity(user.id)
  // #region step 8
  if (await textedCodeIsRight(verify, user, code)) return
  const factorSid = await newestFactorSid(verify, identity, 'totp')
  if (factorSid === undefined) throw new WrongCodeError('no texted code matches, and no authenticator is set up')
  const challenge = await verify
    .entities(identity)
    .challenges.create({ factorSid, authPayload: code })
    .catch(refusedCodeIsWrong)
  if (challenge.status !== 'approved') throw new WrongCodeError(`the challenge is ${challenge.status}`)
  // #endregion step 8
}

/**
 * Whether the code is the one texted to the user (its Verification is then approved). No texted
 * code waiting (404) or too many wrong ones (60202) is a no; other failures go up.
 *
 * @example
 * if (await textedCodeIsRight(verify, user, '123456')) signIn()
 */
export async function textedCodeIsRight(
  verify: VerifyService,
  user: User,
  code: string
): Promise<boolean> {
  if (!/^\w{4,10}$/.test(code)) return false
  try {
    const check = await verify.verificationChecks.create({ to: phoneE164(user), code })
    return check.status === 'approved'
  } catch (error) {
    const { status, code: twilioCode } = error as { status?: number; code?: number }
    if (status === 404 || twilioCode === 60202) return false
    throw error
  }
}

// A TOTP code Verify refused (403 / 60324 wrong, 429 / 60308 too many, 400 a malformed one) is a
// wrong code; anything else goes up.
function refusedCodeIsWrong(error: { status?: number; code?: number }): never {
  if (error.code === 60324 || error.code === 60308 || error.status === 400)
    throw new WrongCodeError(error.code === 60308 ? 'too many wrong codes' : 'the code is not right')
  throw error
}
