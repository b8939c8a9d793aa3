import { createHmac } from 'node:crypto'
import { constantTimeEqual } from '../../../authy/signature.js'
import { parseInternationalNumber } from '../phone-numbers.js'

/**
 * The one Twilio account the sandbox's Twilio API serves: its credentials, its API key, its
 * Messaging Service and the numbers it owns (what `From` may be).
 */
export interface TwilioAccount {
  /** `AC` and 32 hex digits: the Basic username, and the `{AccountSid}` of every path. */
  accountSid: string
  authToken: string
  /** The account's one API key: `SK` and 32 hex digits, and its secret. */
  apiKey: { sid: string; secret: string }
  /** The account's one Messaging Service (`MG…`): it sends from the first owned number. */
  messagingServiceSid: string
  /** E.164, the first one being the default sender. */
  fromNumbers: string[]
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/

/**
 * The sandbox's Twilio account. The API key and the Messaging Service SID are derived from the
 * Auth Token and the Account SID (HMAC-SHA256), so they stay the same across restarts of one data
 * folder without being stored, and change with the token. Throws at once, naming the option, for
 * an Account SID the official client would refuse, an empty token or a sender that is not a
 * phone number in international form.
 *
 * @example
 * const account = twilioAccount({ accountSid: SANDBOX_ACCOUNT_SID, authToken,
 *   fromNumbers: ['+15005550006'] })
 * account.apiKey.sid // 'SK…'
 */
export function twilioAccount(input: {
  accountSid: string
  authToken: string
  fromNumbers: string[]
}): TwilioAccount {
  if (!ACCOUNT_SID.test(input.accountSid)) {
    throw new Error(
      `twilio.accountSid "${input.accountSid}" must be AC and 32 hexadecimal ` +
        'characters (the official client refuses anything else).'
    )
  }
  if (!input.authToken) throw new Error('twilio.authToken must not be empty.')
  const fromNumbers = input.fromNumbers.map((number) => {
    const parsed = parseInternationalNumber(number)
    if (!parsed) {
      throw new Error(
        `twilio.fromNumber "${number}" must be a phone number in international form, ` +
          'e.g. +15005550006.'
      )
    }
    return parsed.e164
  })
  const derived = (purpose: string, key: string) =>
    createHmac('sha256', key).update(purpose).digest('hex').slice(0, 32)
  return {
    accountSid: input.accountSid,
    authToken: input.authToken,
    apiKey: {
      sid: `SK${derived('sandbox api key sid', input.authToken)}`,
      secret: derived('sandbox api key secret', input.authToken),
    },
    messagingServiceSid: `MG${derived('sandbox messaging service', input.accountSid)}`,
    fromNumbers: [...new Set(fromNumbers)],
  }
}

/**
 * Whether a Basic username and password are this account's: the Account SID and Auth Token, or
 * the API key's SID and secret. Compared in constant time.
 *
 * @example
 * isAccountCredential(account, 'SK…', 'secret') // true for the account's API key
 */
export function isAccountCredential(
  account: TwilioAccount,
  username: string,
  password: string
): boolean {
  const pairs = [
    [account.accountSid, account.authToken],
    [account.apiKey.sid, account.apiKey.secret],
  ]
  // Every comparison runs, so the time taken does not tell which part was right.
  const matches = pairs.map(([user, secret]) => [
    constantTimeEqual(user!, username),
    constantTimeEqual(secret!, password),
  ])
  return matches.some(([user, secret]) => user && secret)
}
