import { maskedPhone, type User } from '../../model/user.js'
import { waitText, type WrongCodeOutcome } from '../domain/attempt-limits.js'
import type { TextOutcome } from '../domain/phone-confirmation.js'

/**
 * What a code form says when the code was not taken, on which field, with which status: a wrong
 * code (on the field, with the tries left), too many of them, or Authy not answering.
 *
 * @example
 * const { errors, status } = codeProblem(outcome, 'code', 'That code is not right')
 */
export function codeProblem(
  outcome: WrongCodeOutcome | { kind: 'provider-failed'; message: string },
  field: 'code' | 'token',
  wrongText: string
): { errors: { code?: string; token?: string; form?: string }; status: number } {
  switch (outcome.kind) {
    case 'wrong-code': {
      const tries = `${outcome.triesLeft} ${outcome.triesLeft === 1 ? 'try' : 'tries'} left`
      return { errors: { [field]: `${wrongText} (${tries}).` }, status: 400 }
    }
    case 'locked': {
      const wait = waitText(outcome.waitMs)
      return { errors: { form: `Too many wrong codes: wait ${wait}, then try again.` }, status: 429 }
    }
    case 'provider-failed':
      return {
        errors: {
          form: `The code could not be checked (${outcome.message}). Try again in a moment.`,
        },
        status: 503,
      }
  }
}

/**
 * What the page says after "Send a new code" or "Text me a code".
 *
 * @example
 * flash.set(c, textedNotice(outcome, user, 'We sent a new code to'))
 */
export function textedNotice(outcome: TextOutcome, user: User, sent: string): string {
  switch (outcome.kind) {
    case 'sent':
      return `${sent} ${maskedPhone(user)}.`
    case 'too-soon':
      return `A code was sent a moment ago: wait ${waitText(outcome.waitMs)} before asking for another.`
    case 'provider-failed':
      return outcome.message
  }
}
