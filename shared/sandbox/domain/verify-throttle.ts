/** Failed token verifications a user may have within {@link VERIFY_FAILURE_WINDOW_MS}. */
export const VERIFY_FAILURE_LIMIT = 10
/** The sliding window failed verifications are counted in. */
export const VERIFY_FAILURE_WINDOW_MS = 10 * 60 * 1000

/**
 * Recent failed token verifications per Authy id (memory only), against guessing a 7-digit token
 * by brute force.
 */
export interface VerifyThrottle {
  failures: Map<number, number[]>
}

/**
 * An empty throttle.
 *
 * @example
 * const throttle = createVerifyThrottle()
 */
export function createVerifyThrottle(): VerifyThrottle {
  return { failures: new Map() }
}

/**
 * Seconds until this user may verify again: 0 unless {@link VERIFY_FAILURE_LIMIT} verifications
 * failed within the last {@link VERIFY_FAILURE_WINDOW_MS}; then it is the time until the oldest
 * of them leaves the window.
 *
 * @example
 * if (verifyBlockedForSeconds(throttle, user.authy_id, Date.now()) > 0) throw dosProtection(...)
 */
export function verifyBlockedForSeconds(
  throttle: VerifyThrottle,
  authyId: number,
  nowMs: number
): number {
  const recent = recentFailures(throttle, authyId, nowMs)
  if (recent.length < VERIFY_FAILURE_LIMIT) return 0
  const oldest = recent[recent.length - VERIFY_FAILURE_LIMIT]
  return Math.max(1, Math.ceil((oldest + VERIFY_FAILURE_WINDOW_MS - nowMs) / 1000))
}

/**
 * Counts one failed verification for a user.
 *
 * @example
 * recordVerifyFailure(throttle, user.authy_id, Date.now())
 */
export function recordVerifyFailure(
  throttle: VerifyThrottle,
  authyId: number,
  nowMs: number
): void {
  const recent = recentFailures(throttle, authyId, nowMs)
  recent.push(nowMs)
  throttle.failures.set(authyId, recent.slice(-VERIFY_FAILURE_LIMIT))
}

function recentFailures(throttle: VerifyThrottle, authyId: number, nowMs: number): number[] {
  const recent = (throttle.failures.get(authyId) ?? []).filter(
    (at) => at > nowMs - VERIFY_FAILURE_WINDOW_MS
  )
  if (recent.length === 0) throttle.failures.delete(authyId)
  else throttle.failures.set(authyId, recent)
  return recent
}
