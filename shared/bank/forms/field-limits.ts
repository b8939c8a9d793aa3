/**
 * The longest value each form field takes, in characters: the form's `maxlength` and the check
 * on the server are the same number.
 */
export const MAX_LENGTH = {
  email: 254,
  country_code: 5,
  phone_number: 32,
  recipient_email: 128,
  account_number: 17,
  amount: 16,
  password: 200,
  code: 10,
} as const

/** The fewest characters a password has. */
export const MIN_PASSWORD = 8

/** The fewest digits an account number has. */
export const MIN_ACCOUNT_DIGITS = 4
