import { createHmac } from 'node:crypto'

/**
 * Twilio's webhook signature, the `X-Twilio-Signature` header (spec §3.8): base64 of the
 * HMAC-SHA1, keyed with the account's Auth Token, of the full URL followed by every POST
 * parameter sorted by name, each written as name then value (a repeated parameter's values
 * de-duplicated, sorted, each written as name then value). What the official libraries'
 * `validateRequest` checks.
 *
 * @example
 * twilioSignature('token', 'https://example.com/verify/webhook', { type: 'challenge.approved' })
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string | string[]>
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((signed, name) => {
      const value = params[name]!
      const values = Array.isArray(value) ? [...new Set(value)].sort() : [value]
      return signed + values.map((one) => name + one).join('')
    }, url)
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64')
}
