import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** What an {@link AuthyError} adds to the standard envelope. */
export interface AuthyErrorOptions {
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
 * An answer in Authy's error envelope. Handlers throw it; the app's error handler sends it.
 *
 * @example
 * throw new AuthyError(404, '60026', 'User not found.')
 * // 404 {"message":"User not found.","success":false,
 * //      "errors":{"message":"User not found."},"error_code":"60026"}
 */
export class AuthyError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly options: AuthyErrorOptions = {}
  ) {
    super(message)
    this.name = 'AuthyError'
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
