/** How often step 3 asks Authy once callbacks are known to arrive: a safety net, not the news. */
export const SAFETY_NET_POLL_MS = 15_000

/** Whether OneTouch callbacks are known to reach this app, and the poll pace that follows. */
export interface CallbackHealth {
  readonly confirmed: boolean
  /** Callbacks are known to arrive (a signed callback was accepted). */
  confirm(): void
  /**
   * The interval step 3 is given: the configured one, or the safety-net one ({@link
   * SAFETY_NET_POLL_MS} unless told otherwise; never less than the configured one) once callbacks
   * are confirmed, so a transfer costs about one status
   * call instead of one a second.
   */
  pollIntervalMs(configured: number): number
}

/**
 * Tracks whether callbacks reach this app. Confirmed once, it stays confirmed: a callback that
 * goes missing later is caught by the safety-net poll, at most {@link SAFETY_NET_POLL_MS} late.
 *
 * @example
 * const callbacks = createCallbackHealth({ log: (line) => console.log(line) })
 * callbacks.confirm()
 * callbacks.pollIntervalMs(1000) // 15000
 */
export function createCallbackHealth(
  options: { log?: (line: string) => void; safetyNetPollMs?: number } = {}
): CallbackHealth {
  const log = options.log ?? (() => {})
  const safetyNetMs = options.safetyNetPollMs ?? SAFETY_NET_POLL_MS
  let confirmed = false
  return {
    get confirmed() {
      return confirmed
    },
    confirm() {
      if (confirmed) return
      confirmed = true
      log(
        `OneTouch callbacks reach this app: step 3 now polls every ${safetyNetMs / 1000} s, ` +
          'as a safety net for a callback that goes missing.'
      )
    },
    pollIntervalMs(configured) {
      return confirmed ? Math.max(configured, safetyNetMs) : configured
    },
  }
}
