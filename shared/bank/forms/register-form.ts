import { z } from 'zod'
import { isAuthyError } from '../../authy/index.js'
import { MAX_LENGTH } from './field-limits.js'
import { emailSchema, passwordSchema, readFields, type FormResult } from './form-text.js'
import { isCallingCode, phoneNumberProblem } from './phone-number.js'

const REGISTER_FIELDS = ['email', 'password', 'country_code', 'phone_number'] as const
export type RegisterField = (typeof REGISTER_FIELDS)[number]

export interface Registration {
  email: string
  /** As typed: only its hash is ever kept. */
  password: string
  /** Digits only, no `+`. */
  countryCode: string
  /** As typed (digits with spaces, dashes, dots or parentheses), without the country code. */
  phoneNumber: string
}

const COUNTRY_CODE_HELP = 'digits only: 1 for the US and Canada, 44 for the UK, 91 for India'
const PHONE_HELP = 'without the country code, e.g. 555 123 4567'

const email = emailSchema({
  empty: 'Enter your email address, e.g. ada@example.com.',
  example: 'ada@example.com',
  maxLength: MAX_LENGTH.email,
})

const countryCode = z
  .string()
  .min(1, `Enter your country calling code, ${COUNTRY_CODE_HELP}.`)
  .transform((text) => text.replace(/^\+\s*/, ''))
  .refine(
    (text) => /^\d{1,4}$/.test(text) && Number(text) > 0,
    `The country code is ${COUNTRY_CODE_HELP}.`
  )
  .superRefine((text, context) => {
    if (/^\d{1,4}$/.test(text) && Number(text) > 0 && !isCallingCode(text)) {
      context.addIssue({
        code: 'custom',
        message: `No country has the calling code +${text}. It is ${COUNTRY_CODE_HELP}.`,
      })
    }
  })

const phoneNumber = z
  .string()
  .min(1, `Enter your cellphone number ${PHONE_HELP}.`)
  .refine(
    (text) => !text.startsWith('+'),
    'Leave out the + and the country code here: the country code has its own field.'
  )
  .refine(
    (text) => /^[\d\s.()-]+$/.test(text),
    `Use digits only (spaces, dashes, dots and parentheses are fine), ${PHONE_HELP}.`
  )
  .refine(
    (text) => /^\d{4,15}$/.test(text.replace(/[\s.()-]/g, '')),
    `That is not a phone number: enter 4 to 15 digits, ${PHONE_HELP}.`
  )

const registrationSchema = z
  .object({
    email,
    password: passwordSchema,
    country_code: countryCode,
    phone_number: phoneNumber,
  })
  .superRefine((form, context) => {
    const problem = phoneNumberProblem(form.country_code, form.phone_number)
    if (problem) context.addIssue({ code: 'custom', path: ['phone_number'], message: problem })
  })

/**
 * Reads and checks the register form, with one message per wrong field saying how to fix it.
 *
 * @example
 * const form = readRegisterForm(await readForm(c))
 * if (form.data) await steps.registerUser({ authy, ...form.data })
 */
export function readRegisterForm(
  body: Record<string, unknown>
): FormResult<RegisterField, Registration> {
  const form = readFields(body, REGISTER_FIELDS, registrationSchema, { secret: ['password'] })
  if (!form.data) return { ...form, data: undefined }
  const { email, password, country_code, phone_number } = form.data
  return {
    ...form,
    data: { email, password, countryCode: country_code, phoneNumber: phone_number },
  }
}

// Authy's field names (and the client's own input checks) → the form's fields.
const AUTHY_FIELDS: Record<string, Exclude<RegisterField, 'password'>> = {
  email: 'email',
  cellphone: 'phone_number',
  phoneNumber: 'phone_number',
  phone_number: 'phone_number',
  country_code: 'country_code',
  countryCode: 'country_code',
}

const AUTHY_ADVICE: Record<Exclude<RegisterField, 'password'>, string> = {
  email: 'Check the email address.',
  country_code: `Check the country code: ${COUNTRY_CODE_HELP}.`,
  phone_number: `Check the number: type it ${PHONE_HELP}.`,
}

/**
 * Puts the field errors of a failed Authy registration back on the form's fields, e.g.
 * `cellphone: is invalid` on the phone number. Returns an empty object for other errors.
 *
 * @example
 * authyFieldErrors(error) // { phone_number: 'Authy says the cellphone is invalid. Check the number: …' }
 */
export function authyFieldErrors(error: unknown): Partial<Record<RegisterField, string>> {
  if (!isAuthyError(error)) return {}
  const errors: Partial<Record<RegisterField, string>> = {}
  for (const [name, problem] of Object.entries(error.fieldErrors)) {
    const field = AUTHY_FIELDS[name]
    if (field)
      errors[field] ??=
        `Authy says the ${name.replace(/_/g, ' ')} ${problem}. ${AUTHY_ADVICE[field]}`
  }
  return errors
}
