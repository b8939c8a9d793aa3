import { AuthyError } from './authy-error.js'

/**
 * The Authy errors the sandbox sends (spec §1.7). Messages are the ones seen in real traffic where
 * known; the others are marked "invented" in the sandbox README.
 */

/**
 * 401 / 60001: wrong or missing API key.
 *
 * @example
 * throw invalidApiKey()
 */
export function invalidApiKey(): AuthyError {
  return new AuthyError(401, '60001', 'Invalid API key')
}

/**
 * 400 / 60002: a body that cannot be parsed (invented message).
 *
 * @example
 * throw invalidRequest('the JSON body could not be parsed')
 */
export function invalidRequest(reason: string): AuthyError {
  return new AuthyError(400, '60002', `Invalid request: ${reason}`)
}

/**
 * 400 / 60004 `Invalid parameter: <name> - <reason>`.
 *
 * @example
 * invalidParameter('message', 'Parameter is required')
 */
export function invalidParameter(name: string, reason: string): AuthyError {
  return new AuthyError(400, '60004', `Invalid parameter: ${name} - ${reason}`)
}

/**
 * 404 / 60026 "User not found.".
 *
 * @example
 * throw userNotFound()
 */
export function userNotFound(): AuthyError {
  return new AuthyError(404, '60026', 'User not found.')
}

/**
 * 404 / 60016 "User doesn't exist" (what verify says for an unknown user).
 *
 * @example
 * throw userDoesNotExist()
 */
export function userDoesNotExist(): AuthyError {
  return new AuthyError(404, '60016', "User doesn't exist")
}

/**
 * 400 / 60027 "User was not valid", with field errors at the top level and in `errors`.
 *
 * @example
 * throw userNotValid({ email: 'is invalid' })
 */
export function userNotValid(fields: Record<string, string>): AuthyError {
  return new AuthyError(400, '60027', 'User was not valid', { fields })
}

/**
 * 401 / 60020 "Token is invalid" with `token: 'is invalid'`.
 *
 * @example
 * throw tokenInvalid()
 */
export function tokenInvalid(): AuthyError {
  return new AuthyError(401, '60020', 'Token is invalid', { extra: { token: 'is invalid' } })
}

/**
 * 401 / 60019 "Token is invalid. Token was used recently.".
 *
 * @example
 * throw tokenReused()
 */
export function tokenReused(): AuthyError {
  return new AuthyError(401, '60019', 'Token is invalid. Token was used recently.', {
    extra: { token: 'is invalid' },
  })
}

/**
 * 429 / 60003 "DoS protection" (Authy's words for too many requests), with `Retry-After`.
 *
 * @example
 * throw dosProtection(120)
 */
export function dosProtection(retryAfterSeconds: number): AuthyError {
  return new AuthyError(429, '60003', 'DoS protection', {
    headers: { 'retry-after': String(retryAfterSeconds) },
  })
}

/**
 * 404 / 60049 "Approval request not found: <uuid>" with `errors: {}`.
 *
 * @example
 * throw approvalRequestNotFound(uuid)
 */
export function approvalRequestNotFound(uuid: string): AuthyError {
  return new AuthyError(404, '60049', `Approval request not found: ${uuid}`, { emptyErrors: true })
}

/**
 * 409 / 60079: the request was already approved, denied or expired (control API).
 *
 * @example
 * throw approvalRequestNotPending(uuid, 'approved')
 */
export function approvalRequestNotPending(uuid: string, status: string): AuthyError {
  return new AuthyError(
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
export function noOneTouchDevice(): AuthyError {
  return new AuthyError(
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
export function phoneNumberInvalid(): AuthyError {
  return new AuthyError(400, '60033', 'Phone number is invalid')
}

/**
 * 401 / 60022 "Verification code is incorrect".
 *
 * @example
 * throw verificationCodeIncorrect()
 */
export function verificationCodeIncorrect(): AuthyError {
  return new AuthyError(401, '60022', 'Verification code is incorrect')
}

/**
 * 404 / 60023 "No pending verifications for <+cc number> found.".
 *
 * @example
 * throw noPendingVerification('+1 201-555-0123')
 */
export function noPendingVerification(formattedPhone: string): AuthyError {
  return new AuthyError(404, '60023', `No pending verifications for ${formattedPhone} found.`)
}

/**
 * 404 for a path the sandbox does not serve (the text Authy's own 404 page used).
 *
 * @example
 * return jsonResponse(urlNotFound().envelope(), 404)
 */
export function urlNotFound(): AuthyError {
  return new AuthyError(
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
export function formatNotSupported(format: string): AuthyError {
  return new AuthyError(
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
export function controlApiNotLocal(): AuthyError {
  return new AuthyError(
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
export function conflict(message: string): AuthyError {
  return new AuthyError(409, '60000', message)
}

/**
 * 404 from the control API for an unknown thing.
 *
 * @example
 * throw notFound('No control API at GET /sandbox/x')
 */
export function notFound(message: string): AuthyError {
  return new AuthyError(404, '60000', message)
}

/**
 * 413 for a body larger than the sandbox reads.
 *
 * @example
 * throw bodyTooLarge(MAX_BODY_BYTES)
 */
export function bodyTooLarge(limitBytes: number): AuthyError {
  return new AuthyError(
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
export function internalError(): AuthyError {
  return new AuthyError(503, '60000', 'An error occurred')
}
