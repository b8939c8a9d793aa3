import { z } from 'zod'
import { MAX_LENGTH } from './field-limits.js'
import { readFields, type FormResult } from './form-text.js'

const SIGN_IN_FIELDS = ['email', 'password'] as const

const signInSchema = z.object({
  email: z
    .string()
    .min(1, 'Enter the email address you signed up with.')
    .max(MAX_LENGTH.email, `That email address is too long: ${MAX_LENGTH.email} characters at most.`),
  password: z
    .string()
    .min(1, 'Enter your password.')
    .max(MAX_LENGTH.password, `That password is too long: ${MAX_LENGTH.password} characters at most.`),
})

/**
 * Reads the sign-in form: an email and a password, both required; the password never comes back
 * in `values`.
 *
 * @example
 * const form = readSignInForm(await readForm(c))
 */
export function readSignInForm(
  body: Record<string, unknown>
): FormResult<(typeof SIGN_IN_FIELDS)[number], { email: string; password: string }> {
  return readFields(body, SIGN_IN_FIELDS, signInSchema, { secret: ['password'] })
}

const codeSchema = (field: 'code' | 'token') =>
  z.object({
    [field]: z
      .string()
      .transform((text) => text.replace(/[\s-]/g, ''))
      .pipe(
        z
          .string()
          .min(1, 'Enter the code, e.g. 1234567.')
          .regex(/^\d+$/, 'The code is digits only: leave out letters and other signs.')
          .min(4, 'That code is too short: type every digit of it.')
          .max(MAX_LENGTH.code, `That code is too long: ${MAX_LENGTH.code} digits at most.`)
      ),
  })

/**
 * Reads a code form (`code` to confirm a phone, `token` to sign in): digits only, spaces and
 * dashes dropped.
 *
 * @example
 * const form = readCodeForm(await readForm(c), 'code')
 * if (form.data) confirm(form.data.code)
 */
export function readCodeForm<F extends 'code' | 'token'>(
  body: Record<string, unknown>,
  field: F
): FormResult<F, Record<F, string>> {
  return readFields(body, [field], codeSchema(field)) as FormResult<F, Record<F, string>>
}
