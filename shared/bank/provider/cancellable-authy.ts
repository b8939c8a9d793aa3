import type { AuthyClient, CallOptions } from '../../authy/index.js'

export interface CancellableAuthyHooks {
  /** Runs before each call; may wait (a throttle). */
  before?: (method: keyof AuthyClient) => Promise<void>
  /** Runs after each successful call. */
  after?: (method: keyof AuthyClient) => void
}

/**
 * The same Authy client, with every call also cancelled by `signal`, so a step's calls stop when
 * the app stops caring (expiry, shutdown, a callback already decided).
 *
 * @example
 * const authy = cancellableAuthy(client, controller.signal)
 * await authy.getApprovalRequest({ uuid }) // rejects once controller.abort() is called
 */
export function cancellableAuthy(
  authy: AuthyClient,
  signal: AbortSignal,
  hooks: CancellableAuthyHooks = {}
): AuthyClient {
  const wrapped: Record<string, unknown> = {}
  for (const [name, method] of Object.entries(authy)) {
    const key = name as keyof AuthyClient
    wrapped[name] = async (input: unknown, options: CallOptions = {}) => {
      await hooks.before?.(key)
      const both = options.signal ? AbortSignal.any([signal, options.signal]) : signal
      const result = await (method as (input: unknown, options: CallOptions) => Promise<unknown>)(
        input,
        { ...options, signal: both }
      )
      hooks.after?.(key)
      return result
    }
  }
  return wrapped as unknown as AuthyClient
}
