import {
  getCountries,
  getCountryCallingCode,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max'

const CALLING_CODES = new Set<string>(getCountries().map((country) => getCountryCallingCode(country)))

/**
 * Is this a country calling code in use (`1`, `44`, `91`…)? `999` is not.
 *
 * @example
 * isCallingCode('44') // true
 */
export function isCallingCode(code: string): boolean {
  return CALLING_CODES.has(code)
}

/**
 * What is wrong with a phone number for its country, or undefined when it has a length a number
 * there can have. It does not ask whether the number is in service: the workshop's 555 numbers
 * are fictional but well formed.
 *
 * @example
 * phoneNumberProblem('44', '12345') // 'That number is too short for +44: …'
 * phoneNumberProblem('1', '555 123 4567') // undefined
 */
export function phoneNumberProblem(callingCode: string, phoneNumber: string): string | undefined {
  const digits = phoneNumber.replace(/\D/g, '')
  switch (validatePhoneNumberLength(`+${callingCode}${digits}`)) {
    case undefined:
      return undefined
    case 'TOO_SHORT':
      return `That number is too short for +${callingCode}: check that you typed all of it.`
    case 'TOO_LONG':
      return (
        `That number is too long for +${callingCode}: leave out the country code and any ` +
        'leading 00 or 011.'
      )
    default:
      return `A phone number in +${callingCode} does not have ${digits.length} digits: check it.`
  }
}
