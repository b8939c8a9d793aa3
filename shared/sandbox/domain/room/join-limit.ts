/** The window join attempts are counted in. */
export const JOIN_WINDOW_MS = 60_000
/** Addresses remembered at most (memory only): the ones idle longest are forgotten first. */
export const TRACKED_ADDRESSES = 10_000

/** Recent join attempts per remote address (memory only: a restart forgets them). */
export interface JoinLimit {
  perMinute: number
  attempts: Map<string, number[]>
}

/**
 * An empty limit of `perMinute` join attempts per address.
 *
 * @example
 * const joins = createJoinLimit(10)
 */
export function createJoinLimit(perMinute: number): JoinLimit {
  return { perMinute, attempts: new Map() }
}

/**
 * Counts a join attempt from an address and returns 0, or, when the address made `perMinute`
 * attempts within the last minute, counts nothing and returns the seconds until the oldest of
 * them leaves the window (for `Retry-After`). Every attempt counts, a wrong code or bad JSON too.
 *
 * @example
 * const wait = takeJoinAttempt(room.joins, '192.168.1.23', Date.now())
 * if (wait > 0) throw tooManyJoins(wait, room.joins.perMinute)
 */
export function takeJoinAttempt(limit: JoinLimit, address: string, nowMs: number): number {
  const recent = (limit.attempts.get(address) ?? []).filter((at) => at > nowMs - JOIN_WINDOW_MS)
  if (recent.length >= limit.perMinute) {
    limit.attempts.set(address, recent)
    const oldest = recent[recent.length - limit.perMinute]!
    return Math.max(1, Math.ceil((oldest + JOIN_WINDOW_MS - nowMs) / 1000))
  }
  recent.push(nowMs)
  // Deleted and set again, so the Map's order is the order addresses were last seen.
  limit.attempts.delete(address)
  limit.attempts.set(address, recent)
  if (limit.attempts.size > TRACKED_ADDRESSES) {
    const idlest = limit.attempts.keys().next().value
    if (idlest !== undefined) limit.attempts.delete(idlest)
  }
  return 0
}
