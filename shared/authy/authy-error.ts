/**
 * Why a call failed:
 * - `api`: Authy answered with its error envelope (`error_code`, message, field errors);
 * - `http`: a non-200 answer without the envelope (a proxy page, an empty 502);
 * - `malformed`: a 200 answer that is not JSON or not the shape this endpoint returns;
 * - `timeout`: no complete answer in time;
 * - `network`: the request never got an answer (refused, reset, DNS);
 * - `input`: the call was refused before sending, because an argument is invalid.
 */
export type AuthyErrorKind = 'api' | 'http' | 'malformed' | 'timeout' | 'network' | 'input'

// Set on every AuthyError. A registered symbol is the same in every copy of this module, so two
// copies still recognise each other's errors; a name can be written by anyone.
const AUTHY_ERROR_BRAND = Symbol.for('authy-onetouch-workshop.authy-error')

export interface AuthyErrorDetails {
  kind: AuthyErrorKind
  message: string
  /** The HTTP status, when an answer arrived. */
  status?: number
  /** Authy's `error_code`, a string of digits such as `"60026"`. */
  errorCode?: string
  /** Field errors such as `{ cellphone: 'is invalid' }`. */
  fieldErrors?: Record<string, string>
  /** Seconds the server asked us to wait (`Retry-After`). */
  retryAfterSeconds?: number
  /** `GET /onetouch/json/approval_requests/…`, for messages and logs (never the API key). */
  request?: string
  cause?: unknown
}

/**
 * The one error every Authy client call throws.
 *
 * @example
 * try {
 *   await authy.registerUser({ email, cellphone, countryCode })
 * } catch (error) {
 *   if (error instanceof AuthyError && error.fieldErrors.cellphone) showFieldError('phone_number', error.fieldErrors.cellphone)
 * }
 */
export class AuthyError extends Error {
  readonly [AUTHY_ERROR_BRAND] = true
  readonly kind: AuthyErrorKind
  readonly status: number | undefined
  readonly errorCode: string | undefined
  readonly fieldErrors: Record<string, string>
  readonly retryAfterSeconds: number | undefined
  readonly request: string | undefined

  constructor(details: AuthyErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'AuthyError'
    this.kind = details.kind
    this.status = details.status
    this.errorCode = details.errorCode
    this.fieldErrors = details.fieldErrors ?? {}
    this.retryAfterSeconds = details.retryAfterSeconds
    this.request = details.request
  }

  /** True for failures worth trying again later: timeouts, lost connections, 429 and 5xx. */
  get transient(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true
    return this.status === 429 || (this.status !== undefined && this.status >= 500)
  }

  /** One line for a page or a log: what Authy said, with its code and the fields at fault. */
  describe(): string {
    const code = this.errorCode ? ` (error ${this.errorCode})` : ''
    const fields = Object.entries(this.fieldErrors)
      .map(([field, problem]) => `${field} ${problem}`)
      .filter((text) => !this.message.includes(text))
      .join(', ')
    return `${this.message}${code}${fields ? `: ${fields}` : ''}`
  }
}

/**
 * Is this an {@link AuthyError}, the error a client call throws? Works across module copies too
 * (by a brand every AuthyError carries, not by its name: the sandbox's error answers and any
 * error renamed `AuthyError` are not one).
 *
 * @example
 * if (isAuthyError(error) && error.transient) retryLater()
 */
export function isAuthyError(error: unknown): error is AuthyError {
  if (error instanceof AuthyError) return true
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [AUTHY_ERROR_BRAND]?: unknown })[AUTHY_ERROR_BRAND] === true
  )
}
