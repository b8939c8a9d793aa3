// Who the user is to Twilio Verify: an identity, with a push factor (an app on their phone built on
// the Verify Push SDK) and a TOTP factor (an authenticator app). The region is the Verify
// equivalent of workshop step 1 (`npm run diff -- 1 --provider verify`).
import { WrongCodeError } from '../provider.js'
import { newestFactorSid, verifyIdentity, type VerifyService } from './verify-service.js'

/**
 * Puts the Verify Push SDK's app on a phone for an identity: what the sandbox does when a user
 * signs up (its control API makes the verified push factor, as the SDK would). With real Twilio
 * there is none: the user enrols in the bank's own app.
 */
export type EnrolPhone = (
  identity: string,
  user: { email: string; countryCode: string; phoneNumber: string }
) => Promise<void>

/**
 * Step 1 with Verify: nothing to register on the server. Verify knows users by an identity the
 * app chooses (derived here from the bank's user id), made when the user's first factor is; a
 * push factor is made by the app on their phone. Resolves to null: there is no Authy id.
 *
 * @example
 * await registerIdentity({ verify, userId, email, countryCode, phoneNumber, enrolPhone })
 */
export async function registerIdentity({
  verify,
  userId,
  enrolPhone,
  ...phone
}: {
  verify: VerifyService
  userId: string
  email: string
  countryCode: string
  phoneNumber: string
  enrolPhone: EnrolPhone | undefined
}): Promise<null> {
  // #region step 1
  const identity = verifyIdentity(userId)
  // The sandbox stands in for the user installing the bank's app on their phone.
  if (enrolPhone && (await newestFactorSid(verify, identity, 'push')) === undefined)
    await enrolPhone(identity, phone)
  return null
  // #endregion step 1
}

/** Where a user's authenticator app stands. */
export type AuthenticatorState = 'none' | 'unverified' | 'verified'

/** Setting up an authenticator app (a Verify TOTP factor) for the sign-in fallback. */
export interface Authenticator {
  state(userId: string): Promise<AuthenticatorState>
  /**
   * A new TOTP factor in place of the user's others: its `otpauth://` URI, which Verify shows only
   * now (the bank keeps it nowhere), for the user to scan.
   */
  start(userId: string, name: string): Promise<{ uri: string }>
  /** The first code from the app verifies the factor; a wrong one → {@link WrongCodeError}. */
  confirm(userId: string, code: string): Promise<void>
}

/**
 * The authenticator set-up of a Verify Service.
 *
 * @example
 * const { uri } = await authenticator(verify).start(user.id, user.email)
 */
export function authenticator(verify: VerifyService): Authenticator {
  const totpFactors = async (userId: string) =>
    (
      await verify
        .entities(verifyIdentity(userId))
        .factors.list()
        .catch((error: { status?: number }) => {
          if (error.status === 404) return []
          throw error
        })
    ).filter((factor) => factor.factorType === 'totp')

  return {
    async state(userId) {
      const factors = await totpFactors(userId)
      if (factors.some((factor) => factor.status === 'verified')) return 'verified'
      return factors.length > 0 ? 'unverified' : 'none'
    },

    async start(userId, name) {
      const entity = verify.entities(verifyIdentity(userId))
      for (const factor of await totpFactors(userId)) await entity.factors(factor.sid).remove()
      const factor = await entity.newFactors.create({ friendlyName: name, factorType: 'totp' })
      return { uri: (factor.binding as { uri: string }).uri }
    },

    async confirm(userId, code) {
      const pending = (await totpFactors(userId)).find((factor) => factor.status === 'unverified')
      if (!pending) throw new WrongCodeError('no authenticator is being set up')
      const factor = await verify
        .entities(verifyIdentity(userId))
        .factors(pending.sid)
        .update({ authPayload: code })
        .catch((error: { code?: number; status?: number }) => {
          // 403 / 60311 wrong, 429 / 60310 too many, 400 malformed: the code is not right.
          if (error.code === 60311 || error.code === 60310 || error.status === 400)
            throw new WrongCodeError('the code is not right')
          throw error
        })
      if (factor.status !== 'verified') throw new WrongCodeError('the code is not right')
    },
  }
}
