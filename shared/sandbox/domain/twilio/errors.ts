import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * The error answers of the sandbox's Twilio API: Twilio's "RestException" envelope
 * ({@link TwilioErrorAnswer}) and one constructor per error it sends. Messages are the ones seen
 * in real traffic or Twilio's error pages where known; the others are marked in the sandbox
 * README.
 */

/**
 * An answer in Twilio's error envelope, `{code, message, more_info, status}` with an integer
 * `code`. Handlers and domain functions throw it; the Twilio app's error handler sends it. Not the
 * client's `RestException` (twilio-node), which a client call throws when it receives one.
 *
 * @example
 * throw new TwilioErrorAnswer(400, 21602, 'Message body is required.')
 * // 400 {"code":21602,"message":"Message body is required.",
 * //      "more_info":"https://www.twilio.com/docs/errors/21602","status":400}
 */
export class TwilioErrorAnswer extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'TwilioErrorAnswer'
  }

  /** The JSON body, keys in the order Twilio sends them. */
  envelope(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    }
  }
}

/**
 * 401 / 20003 "Authenticate": missing, malformed or wrong credentials.
 *
 * @example
 * throw authenticate()
 */
export function authenticate(): TwilioErrorAnswer {
  return new TwilioErrorAnswer(401, 20003, 'Authenticate', {
    'www-authenticate': 'Basic realm="Twilio API"',
  })
}

/**
 * 404 / 20404 for a path nothing answers, a SID not found, or another account's path. `path` is
 * the whole path, version included.
 *
 * @example
 * throw resourceNotFound('/2010-04-01/Accounts/AC…/Messages/SM….json')
 */
export function resourceNotFound(path: string): TwilioErrorAnswer {
  return new TwilioErrorAnswer(404, 20404, `The requested resource ${path} was not found`)
}

/**
 * 405 / 20004 for a method a resource does not take here.
 *
 * @example
 * throw methodNotAllowed()
 */
export function methodNotAllowed(): TwilioErrorAnswer {
  return new TwilioErrorAnswer(405, 20004, 'Method not allowed')
}

/**
 * 400 / 20001 for a list parameter the sandbox cannot read (`PageSize`, `Page`, `DateSent`);
 * the code and wording are the sandbox's.
 *
 * @example
 * throw invalidListParameter('PageSize', 'a whole number from 1 to 1000')
 */
export function invalidListParameter(name: string, mustBe: string): TwilioErrorAnswer {
  return new TwilioErrorAnswer(400, 20001, `Invalid ${name}: must be ${mustBe}`)
}

/**
 * 413 / 20001 for a request body larger than the sandbox reads (the sandbox's code and wording).
 *
 * @example
 * throw requestTooLarge(1_000_000)
 */
export function requestTooLarge(maxBytes: number): TwilioErrorAnswer {
  return new TwilioErrorAnswer(413, 20001, `The request body is larger than ${maxBytes} bytes`)
}

/**
 * The errors of creating a message (spec §4.3), one constructor each, by name.
 *
 * @example
 * throw MESSAGE_ERRORS.toInvalid('+1 282-23')
 * // 400 {"code":21211,"message":"The 'To' number +1 282-23 is not a valid phone number.",…}
 */
export const MESSAGE_ERRORS = {
  toRequired: () => new TwilioErrorAnswer(400, 21604, "A 'To' phone number is required."),
  fromRequired: () => new TwilioErrorAnswer(400, 21603, "A 'From' phone number is required."),
  bodyRequired: () => new TwilioErrorAnswer(400, 21602, 'Message body is required.'),
  toInvalid: (to: string) =>
    new TwilioErrorAnswer(400, 21211, `The 'To' number ${to} is not a valid phone number.`),
  fromNotOwned: () =>
    new TwilioErrorAnswer(
      400,
      21606,
      'The From phone number provided is not a valid, SMS-capable inbound phone number for your account.'
    ),
  messagingServiceInvalid: () =>
    new TwilioErrorAnswer(400, 21705, 'The Messaging Service is invalid'),
  bodyTooLong: () =>
    new TwilioErrorAnswer(
      400,
      21617,
      'The concatenated message body exceeds the 1600 character limit.'
    ),
  mediaUrlInvalid: () => new TwilioErrorAnswer(400, 21620, 'Invalid media URL(s)'),
  tooManyMedia: () =>
    new TwilioErrorAnswer(400, 21623, 'Number of media files exceeds allowed limit'),
} as const
