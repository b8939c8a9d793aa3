/** Failed token verifications a user may have within {@link VERIFY_FAILURE_WINDOW_MS}. */
export const VERIFY_FAILURE_LIMIT = 10
/** The sliding window failed verifications are counted in. */
export const VERIFY_FAILURE_WINDOW_MS = 10 * 60 * 1000

/**
 * Recent failed token verifications per application and Authy id (memory only), against guessing
 * a 7-digit token by brute force. Per application: one application's wrong guesses never lock
 * another out of a user they share.
 */
export interface VerifyThrottle {
  failures: Map<string, number[]>
}

/** Who failed verifications are counted for: an application and one of its users. */
export interface VerifyParty {
  appId: number
  authyId: number
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
 * Seconds until the application may verify this user again: 0 unless
 * {@link VERIFY_FAILURE_LIMIT} verifications failed within the last
 * {@link VERIFY_FAILURE_WINDOW_MS}; then it is the time until the oldest of them leaves the window.
 *
 * @example
 * const wait = verifyBlockedForSeconds(throttle, { appId, authyId }, Date.now())
 * if (wait > 0) throw dosProtection(wait)
 */
export function verifyBlockedForSeconds(
  throttle: VerifyThrottle,
  party: VerifyParty,
  nowMs: number
): number {
  const recent = recentFailures(throttle, keyOf(party), nowMs)
  if (recent.length < VERIFY_FAILURE_LIMIT) return 0
  const oldest = recent[recent.length - VERIFY_FAILURE_LIMIT]
  return Math.max(1, Math.ceil((oldest + VERIFY_FAILURE_WINDOW_MS - nowMs) / 1000))
}

/**
 * Counts one failed verification of a user by an application.
 *
 * @example
 * recordVerifyFailure(throttle, { appId: app.app_id, authyId: user.authy_id }, Date.now())
 */
export function recordVerifyFailure(
  throttle: VerifyThrottle,
  party: VerifyParty,
  nowMs: number
): void {
  const key = keyOf(party)
  const recent = recentFailures(throttle, key, nowMs)
  recent.push(nowMs)
  throttle.failures.set(key, recent.slice(-VERIFY_FAILURE_LIMIT))
}

function keyOf(party: VerifyParty): string {
  return `${party.appId}:${party.authyId}`
}

function recentFailures(throttle: VerifyThrottle, key: string, nowMs: number): number[] {
  const recent = (throttle.failures.get(key) ?? []).filter(
    (at) => at > nowMs - VERIFY_FAILURE_WINDOW_MS
  )
  if (recent.length === 0) throttle.failures.delete(key)
  else throttle.failures.set(key, recent)
  return recent
}
