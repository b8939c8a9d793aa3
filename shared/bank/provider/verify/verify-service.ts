import { createHash } from 'node:crypto'
import type { TwilioClient } from '../../../twilio/client.js'
import { ProviderRefusal } from '../provider.js'

/** A Verify Service of the official client: `twilio.verify.v2.services(VERIFY_SERVICE_SID)`. */
export type VerifyService = ReturnType<TwilioClient['verify']['v2']['services']>

/** What Verify lets a challenge field's value be, in characters. */
const MAX_FIELD_VALUE = 128

/**
 * The user's Verify identity: not their email or phone (Verify asks for no personal data), but a
 * SHA-256 of the bank's own user id, 64 hex digits (Twilio's samples hash the user id too).
 *
 * @example
 * verifyIdentity('0b3c…') // '9f86d081884c7d65…'
 */
export function verifyIdentity(userId: string): string {
  return createHash('sha256').update(`onetouch-bank:${userId}`).digest('hex')
}

/**
 * A value cut to what a challenge field takes (128 characters), with an ellipsis when cut.
 *
 * @example
 * fieldValue('Mozilla/5.0 …(300 characters)') // the first 127 and '…'
 */
export function fieldValue(text: string): string {
  const characters = [...text]
  return characters.length <= MAX_FIELD_VALUE
    ? text
    : `${characters.slice(0, MAX_FIELD_VALUE - 1).join('')}…`
}

/**
 * The SID of the newest verified push factor of an identity: the phone a push goes to. Throws a
 * {@link ProviderRefusal} when there is none (no app with the Verify Push SDK enrolled).
 *
 * @example
 * const factorSid = await pushFactorSid(service, identity)
 */
export async function pushFactorSid(service: VerifyService, identity: string): Promise<string> {
  const sid = await newestFactorSid(service, identity, 'push')
  if (sid === undefined) {
    throw new ProviderRefusal(
      'Your phone has no app with Verify Push for this bank, so nothing can be pushed to it: ' +
        'enrol the phone in an app built on the Verify Push SDK'
    )
  }
  return sid
}

/**
 * The SID of the newest verified factor of a type, or undefined (also when Verify does not know
 * the identity yet).
 *
 * @example
 * await newestFactorSid(service, identity, 'totp') // 'YF…' or undefined
 */
export async function newestFactorSid(
  service: VerifyService,
  identity: string,
  type: 'push' | 'totp'
): Promise<string | undefined> {
  const factors = await service
    .entities(identity)
    .factors.list()
    .catch((error: { status?: number }) => {
      // An identity Verify has not seen has no Entity yet: no factors.
      if (error.status === 404) return []
      throw error
    })
  return factors
    .filter((factor) => factor.factorType === type && factor.status === 'verified')
    .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())[0]?.sid
}
