import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type NumberType,
} from 'libphonenumber-js/max'

/**
 * Phone numbers as the sandbox checks, keys and shows them. A user is (country calling code,
 * digits of the cellphone); dashes, periods, spaces and parentheses are separators, nothing else
 * is allowed. A number is accepted when libphonenumber says it is *possible* for its country: the
 * right length there. Not *valid*: the workshop's fictional 555 numbers (555-123-4567) are
 * possible but not valid.
 */

/** Every country's calling code (1, 44, 57…): 999 and other unassigned codes are not in it. */
const COUNTRY_CALLING_CODES = new Set(
  getCountries().map((country) => getCountryCallingCode(country))
)

/** A phone as the sandbox keys it. */
export interface Phone {
  countryCode: number
  /** Digits only, as typed (separators removed). */
  cellphone: string
}

/** The parameter that makes a phone unusable. */
export type PhoneField = 'country_code' | 'cellphone'

/**
 * Checks a country calling code and a cellphone as clients send them: the code must be a
 * country's (an optional leading `+`), the number only digits and separators, of a length
 * possible in that country. Every endpoint that takes a phone uses this one check.
 *
 * @example
 * checkPhone('1', '201-555-0123')
 * // { ok: true, phone: { countryCode: 1, cellphone: '2015550123' } }
 * checkPhone('1', '282-23') // { ok: false, invalid: ['cellphone'] }
 */
export function checkPhone(
  countryCodeInput: unknown,
  cellphoneInput: unknown
): { ok: true; phone: Phone } | { ok: false; invalid: PhoneField[] } {
  const countryCode = textOf(countryCodeInput).replace(/^\+/, '')
  const cellphone = textOf(cellphoneInput).replace(/[\s.\-()]/g, '')
  const knownCountry = /^\d{1,3}$/.test(countryCode) && COUNTRY_CALLING_CODES.has(countryCode)
  const possible =
    /^\d{1,17}$/.test(cellphone) &&
    (!knownCountry ||
      validatePhoneNumberLength(cellphone, { defaultCallingCode: countryCode }) === undefined)
  const invalid: PhoneField[] = []
  if (!knownCountry) invalid.push('country_code')
  if (!possible) invalid.push('cellphone')
  if (invalid.length > 0) return { ok: false, invalid }
  return { ok: true, phone: { countryCode: Number(countryCode), cellphone } }
}

/** The kinds of line Authy's phone information tells apart (spec §2.12). */
export type LineType = 'cellphone' | 'landline' | 'voip'

// What the numbering plan says, as Authy's types. Toll-free and premium-rate numbers (and the
// other service numbers) are answered by fixed lines or services and take no SMS: landline.
const LINE_TYPES: Record<NonNullable<NumberType>, LineType> = {
  MOBILE: 'cellphone',
  FIXED_LINE_OR_MOBILE: 'cellphone',
  VOIP: 'voip',
  FIXED_LINE: 'landline',
  TOLL_FREE: 'landline',
  PREMIUM_RATE: 'landline',
  SHARED_COST: 'landline',
  PERSONAL_NUMBER: 'landline',
  PAGER: 'landline',
  UAN: 'landline',
  VOICEMAIL: 'landline',
}

const PROVIDERS: Record<LineType, string> = {
  cellphone: 'Sandbox Mobile',
  landline: 'Sandbox Landline',
  voip: 'Sandbox VoIP',
}

/**
 * The kind of line a phone is, from its country's numbering plan, and the sandbox's made-up
 * provider for it. Where the plan cannot tell (a US number may be mobile or fixed; a possible but
 * unassigned number has no type), it is a cellphone: the workshop's phones receive SMS.
 *
 * @example
 * lineOf({ countryCode: 49, cellphone: '30123456' })
 * // { type: 'landline', provider: 'Sandbox Landline' }
 */
export function lineOf(phone: Phone): { type: LineType; provider: string } {
  const parsed = parsePhoneNumberFromString(phone.cellphone, {
    defaultCallingCode: String(phone.countryCode),
  })
  const planType = parsed?.getType()
  const type = planType === undefined ? 'cellphone' : LINE_TYPES[planType]
  return { type, provider: PROVIDERS[type] }
}

function textOf(input: unknown): string {
  return typeof input === 'string' || typeof input === 'number' ? String(input).trim() : ''
}

/**
 * The key an inbox and a phone verification are stored under.
 *
 * @example
 * phoneKey(1, '2015550123') // '+1 2015550123'
 */
export function phoneKey(countryCode: number, cellphone: string): string {
  return `+${countryCode} ${cellphone}`
}

/**
 * The number an inbox key stands for, written as one run of digits after the `+`.
 *
 * @example
 * numberOfPhoneKey('+1 2015550123') // '+12015550123'
 */
export function numberOfPhoneKey(key: string): string {
  return key.replace(' ', '')
}

/** A number written in international form, as Twilio's API takes it. */
export interface InternationalNumber {
  /** The phone it rings: the country calling code and the national digits. */
  phone: Phone
  /** E.164, as Twilio writes numbers back: `+12015550123`. */
  e164: string
}

/**
 * Reads a number in international form (`+12015550123`, `+1 201 555 0123`, `+1 (201) 555-0123`):
 * a `+`, then only digits and separators, of a length possible in its country (as
 * {@link checkPhone} asks). Undefined for anything else: no `+`, letters, an extension.
 *
 * @example
 * parseInternationalNumber('+1 201 555 0123')
 * // { phone: { countryCode: 1, cellphone: '2015550123' }, e164: '+12015550123' }
 * parseInternationalNumber('2015550123') // undefined
 */
export function parseInternationalNumber(text: string): InternationalNumber | undefined {
  const written = text.trim()
  if (!/^\+[\d\s.\-()]{1,30}$/.test(written)) return undefined
  const parsed = parsePhoneNumberFromString(written)
  if (!parsed?.isPossible()) return undefined
  return {
    phone: { countryCode: Number(parsed.countryCallingCode), cellphone: parsed.nationalNumber },
    e164: parsed.number,
  }
}

/**
 * A number in international form, written as the phone page writes its own number.
 *
 * @example
 * formatInternationalNumber('+15005550006') // '+1 500-555-0006'
 */
export function formatInternationalNumber(number: string): string {
  const parsed = parseInternationalNumber(number)
  return parsed ? formatPhone(parsed.phone.countryCode, parsed.phone.cellphone) : number
}

/**
 * The masked number in a user status: `XXX-XXX-` and the last four digits.
 *
 * @example
 * maskForStatus('2015550123') // 'XXX-XXX-0123'
 */
export function maskForStatus(cellphone: string): string {
  return `XXX-XXX-${cellphone.slice(-4)}`
}

/**
 * The masked number in SMS and call answers: `+<cc>-XXX-XXX-XX` and the last two digits.
 *
 * @example
 * maskForDelivery(54, '1155550102') // '+54-XXX-XXX-XX02'
 */
export function maskForDelivery(countryCode: number, cellphone: string): string {
  return `+${countryCode}-XXX-XXX-XX${cellphone.slice(-2)}`
}

/**
 * A readable full number, as in "Text message sent to +1 201-555-0123.".
 *
 * @example
 * formatPhone(1, '2015550123') // '+1 201-555-0123'
 */
export function formatPhone(countryCode: number, cellphone: string): string {
  if (countryCode === 1 && cellphone.length === 10) {
    return `+${countryCode} ${cellphone.slice(0, 3)}-${cellphone.slice(3, 6)}-${cellphone.slice(6)}`
  }
  return `+${countryCode} ${cellphone}`
}
