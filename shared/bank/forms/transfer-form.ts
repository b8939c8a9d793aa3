import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { emailSchema, readFields, type FormResult } from './form-text.js'
import { formatDollars, MAX_AMOUNT_CENTS, parseDollars } from '../../model/money.js'
import { MAX_LENGTH, MIN_ACCOUNT_DIGITS } from './field-limits.js'

const TRANSFER_FIELDS = ['recipient_email', 'account_number', 'amount', 'request_id'] as const
export type TransferField = Exclude<(typeof TRANSFER_FIELDS)[number], 'request_id'>

export interface TransferOrder {
  recipientEmail: string
  accountNumber: string
  amountCents: number
  /** The form's one-time id. */
  requestId: string
}

const REQUEST_ID = /^[\w-]{16,64}$/
const ACCOUNT_DIGITS = `The account number has ${MIN_ACCOUNT_DIGITS} to ${MAX_LENGTH.account_number} digits.`
const MAX_AMOUNT = formatDollars(MAX_AMOUNT_CENTS)

/**
 * A fresh one-time id for a transfer form: submitting the same form twice finds one transfer.
 *
 * @example
 * <input type="hidden" name="request_id" value={newRequestId()} />
 */
export function newRequestId(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * What is wrong with an amount typed in dollars, or undefined when it is fine: every message says
 * how to write it instead.
 *
 * @example
 * amountProblem('1,000') // 'Leave out the thousands separator: write 1000, not 1,000.'
 * amountProblem('10.50') // undefined
 */
export function amountProblem(text: string): string | undefined {
  const amount = text.trim().replace(/^\$\s*/, '')
  if (amount === '') return 'Enter an amount in US dollars, e.g. 10 or 10.50.'
  if (/^[-−–]/.test(amount)) return 'The amount must be more than zero: leave out the minus sign.'
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(amount)) {
    return `Leave out the thousands separator: write ${amount.replace(/,/g, '')}, not ${amount}.`
  }
  if (/^\d+\.\d{3,}$/.test(amount)) return 'Use at most two decimals (cents), e.g. 10.50.'
  if (/^\d+(\.\d*)?[eE][-+]?\d+$/.test(amount)) {
    return 'Write the amount in plain digits, e.g. 1000, not 1e3.'
  }
  if (/^\d+(\.\d{1,2})?$/.test(amount) && parseDollars(amount) === undefined) {
    return `That is too much: one transfer moves at most ${MAX_AMOUNT}.`
  }
  const cents = parseDollars(amount)
  if (cents === undefined) {
    return 'The amount must be a number of dollars in plain digits, with a dot for cents, e.g. 10 or 10.50.'
  }
  if (cents === 0) return 'The amount must be more than $0.00.'
  if (cents > MAX_AMOUNT_CENTS) return `That is too much: one transfer moves at most ${MAX_AMOUNT}.`
  return undefined
}

const transferSchema = z.object({
  recipient_email: emailSchema({
    empty: "Enter the recipient's email address, e.g. bob@example.com.",
    example: 'bob@example.com',
    maxLength: MAX_LENGTH.recipient_email,
  }),
  account_number: z
    .string()
    .min(1, "Enter the recipient's account number, e.g. 12345678.")
    .regex(/^\d*$/, 'The account number is digits only: no letters, spaces or dashes.')
    .min(MIN_ACCOUNT_DIGITS, ACCOUNT_DIGITS)
    .max(MAX_LENGTH.account_number, ACCOUNT_DIGITS),
  amount: z.string().superRefine((text, context) => {
    const problem = amountProblem(text)
    if (problem) context.addIssue({ code: 'custom', message: problem })
  }),
})

/**
 * Reads and checks the transfer form, with one message per wrong field saying how to fix it.
 *
 * @example
 * const form = readTransferForm(await readForm(c))
 * if (form.data) store.addTransfer({ ...form.data, … })
 */
export function readTransferForm(
  body: Record<string, unknown>
): FormResult<TransferField | 'request_id', TransferOrder> {
  const form = readFields(body, TRANSFER_FIELDS, transferSchema)
  const { values, errors } = form
  if (!REQUEST_ID.test(values.request_id) || errors.request_id) {
    values.request_id = newRequestId()
    errors.form = 'This form was out of date. Check the details and send it again.'
    delete errors.request_id
  }
  if (!form.data || errors.form) return { values, errors, data: undefined }
  return {
    values,
    errors,
    data: {
      recipientEmail: form.data.recipient_email,
      accountNumber: form.data.account_number,
      amountCents: parseDollars(form.data.amount)!,
      requestId: values.request_id,
    },
  }
}
