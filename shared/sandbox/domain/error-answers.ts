import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * The error answers the sandbox sends: Authy's envelope ({@link AuthyErrorAnswer}) and one
 * constructor per Authy error (spec §1.7). Messages are the ones seen in real traffic where
 * known; the others are marked "invented" in the sandbox README.
 */

/** What an {@link AuthyErrorAnswer} adds to the standard envelope. */
export interface AuthyErrorAnswerOptions {
  /** Field errors: repeated at the top level and inside `errors` (60027 "User was not valid"). */
  fields?: Record<string, string>
  /** Extra top-level keys placed after `message` (e.g. `token: 'is invalid'`). */
  extra?: Record<string, unknown>
  /** Send `errors: {}` instead of `{ message }` (60049 does). */
  emptyErrors?: boolean
  /** Response headers to send with it (`Retry-After`). */
  headers?: Record<string, string>
}

/**
 * An answer in Authy's error envelope. Handlers and domain functions throw it; the app's error
 * handler sends it. Not the Authy client's `AuthyError` (shared/authy), which a client call throws
 * when it receives such an answer.
 *
 * @example
 * throw new AuthyErrorAnswer(404, '60026', 'User not found.')
 * // 404 {"message":"User not found.","success":false,
 * //      "errors":{"message":"User not found."},"error_code":"60026"}
 */
export class AuthyErrorAnswer extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly options: AuthyErrorAnswerOptions = {}
  ) {
    super(message)
    this.name = 'AuthyErrorAnswer'
  }

  /** The JSON body, keys in the order Authy sends them. */
  envelope(): Record<string, unknown> {
    const fields = this.options.fields ?? {}
    return {
      ...fields,
      message: this.message,
      ...this.options.extra,
      success: false,
      errors: this.options.emptyErrors ? {} : { ...fields, message: this.message },
      error_code: this.code,
    }
  }
}

/**
 * 401 / 60001: wrong or missing API key.
 *
 * @example
 * throw invalidApiKey()
 */
export function invalidApiKey(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(401, '60001', 'Invalid API key')
}

/**
 * 400 / 60002: a body that cannot be parsed (invented message).
 *
 * @example
 * throw invalidRequest('the JSON body could not be parsed')
 */
export function invalidRequest(reason: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(400, '60002', `Invalid request: ${reason}`)
}

/**
 * 400 / 60004 `Invalid parameter: <name> - <reason>`.
 *
 * @example
 * invalidParameter('message', 'Parameter is required')
 */
export function invalidParameter(name: string, reason: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(400, '60004', `Invalid parameter: ${name} - ${reason}`)
}

/**
 * 404 / 60026 "User not found.".
 *
 * @example
 * throw userNotFound()
 */
export function userNotFound(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(404, '60026', 'User not found.')
}

/**
 * 404 / 60016 "User doesn't exist" (what verify says for an unknown user).
 *
 * @example
 * throw userDoesNotExist()
 */
export function userDoesNotExist(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(404, '60016', "User doesn't exist")
}

/**
 * 400 / 60027 "User was not valid", with field errors at the top level and in `errors`.
 *
 * @example
 * throw userNotValid({ email: 'is invalid' })
 */
export function userNotValid(fields: Record<string, string>): AuthyErrorAnswer {
  return new AuthyErrorAnswer(400, '60027', 'User was not valid', { fields })
}

/**
 * 400 / 60007 "SMS is not enabled": the application may not send SMS (the real text; the status
 * is invented).
 *
 * @example
 * throw smsDisabled()
 */
export function smsDisabled(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(400, '60007', 'SMS is not enabled')
}

/**
 * 400 / 60006 "Phone calls are not enabled on this account" (the real text; the status is
 * invented).
 *
 * @example
 * throw callsDisabled()
 */
export function callsDisabled(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(400, '60006', 'Phone calls are not enabled on this account')
}

/**
 * 401 / 60020 "Token is invalid" with `token: 'is invalid'`.
 *
 * @example
 * throw tokenInvalid()
 */
export function tokenInvalid(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(401, '60020', 'Token is invalid', { extra: { token: 'is invalid' } })
}

/**
 * 401 / 60019 "Token is invalid. Token was used recently.".
 *
 * @example
 * throw tokenReused()
 */
export function tokenReused(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(401, '60019', 'Token is invalid. Token was used recently.', {
    extra: { token: 'is invalid' },
  })
}

/**
 * 429 / 60003 "DoS protection" (Authy's words for too many requests), with `Retry-After`.
 *
 * @example
 * throw dosProtection(120)
 */
export function dosProtection(retryAfterSeconds: number): AuthyErrorAnswer {
  return new AuthyErrorAnswer(429, '60003', 'DoS protection', {
    headers: { 'retry-after': String(retryAfterSeconds) },
  })
}

/**
 * 404 / 60049 "Approval request not found: <uuid>" with `errors: {}`.
 *
 * @example
 * throw approvalRequestNotFound(uuid)
 */
export function approvalRequestNotFound(uuid: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(404, '60049', `Approval request not found: ${uuid}`, {
    emptyErrors: true,
  })
}

/**
 * 409 / 60079: the request was already approved, denied or expired (control API).
 *
 * @example
 * throw approvalRequestNotPending(uuid, 'approved')
 */
export function approvalRequestNotPending(uuid: string, status: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(
    409,
    '60079',
    `Approval request ${uuid} is no longer pending: it is ${status}.`
  )
}

/**
 * 400 / 60050: OneTouch needs the app, and this user has no registered device (invented).
 *
 * @example
 * throw noOneTouchDevice()
 */
export function noOneTouchDevice(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(
    400,
    '60050',
    'User has no device registered for OneTouch. Send an SMS or call token instead.'
  )
}

/**
 * 400 / 60033 "Phone number is invalid".
 *
 * @example
 * throw phoneNumberInvalid()
 */
export function phoneNumberInvalid(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(400, '60033', 'Phone number is invalid')
}

/**
 * 400 / 60021 "Phone verification couldn't be created: custom codes are not allowed." (the
 * message authy-ruby's spec expects; the status and code are inferred: 60021 is
 * CANNOT_CREATE_PHONE_VERIFICATION).
 *
 * @example
 * throw customCodesNotAllowed()
 */
export function customCodesNotAllowed(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(
    400,
    '60021',
    "Phone verification couldn't be created: custom codes are not allowed."
  )
}

/**
 * 401 / 60022 "Verification code is incorrect".
 *
 * @example
 * throw verificationCodeIncorrect()
 */
export function verificationCodeIncorrect(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(401, '60022', 'Verification code is incorrect')
}

/**
 * 404 / 60023 "No pending verifications for <+cc number> found.".
 *
 * @example
 * throw noPendingVerification('+1 201-555-0123')
 */
export function noPendingVerification(formattedPhone: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(404, '60023', `No pending verifications for ${formattedPhone} found.`)
}

/**
 * 404 for a path the sandbox does not serve (the text Authy's own 404 page used).
 *
 * @example
 * return jsonResponse(urlNotFound().envelope(), 404)
 */
export function urlNotFound(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(
    404,
    '60000',
    'Requested URL was not found. Please check http://docs.authy.com/ to see the valid URLs'
  )
}

/**
 * 404 for `/protected/xml/...` and `/onetouch/xml/...`: only the json format is served.
 *
 * @example
 * throw formatNotSupported('xml')
 */
export function formatNotSupported(format: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(
    404,
    '60000',
    `The ${format} format is not supported by the sandbox: use json, e.g. /protected/json/...`
  )
}

/**
 * 403 from the control API for a client on another computer (invented).
 *
 * @example
 * throw controlApiNotLocal()
 */
export function controlApiNotLocal(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(
    403,
    '60000',
    'The sandbox control API only answers on this computer: call /sandbox/... through ' +
      '127.0.0.1 on the machine that runs the sandbox. Phone pages and the Authy API stay open ' +
      'to the network.'
  )
}

/**
 * 409 from the control API when something is not in a state that allows the action.
 *
 * @example
 * throw conflict('No OneTouch callback URL is set.')
 */
export function conflict(message: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(409, '60000', message)
}

/**
 * 404 from the control API for an unknown thing.
 *
 * @example
 * throw notFound('No control API at GET /sandbox/x')
 */
export function notFound(message: string): AuthyErrorAnswer {
  return new AuthyErrorAnswer(404, '60000', message)
}

/**
 * 413 for a body larger than the sandbox reads.
 *
 * @example
 * throw bodyTooLarge(MAX_BODY_BYTES)
 */
export function bodyTooLarge(limitBytes: number): AuthyErrorAnswer {
  return new AuthyErrorAnswer(
    413,
    '60002',
    `Invalid request: the body is larger than ${limitBytes} bytes`
  )
}

/**
 * 503 / 60000 "An error occurred": an internal failure (details only in the log, never sent).
 *
 * @example
 * return jsonResponse(internalError().envelope(), 503)
 */
export function internalError(): AuthyErrorAnswer {
  return new AuthyErrorAnswer(503, '60000', 'An error occurred')
}
