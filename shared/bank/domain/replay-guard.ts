import type { ReplayGuard } from '../../steps/contracts.js'

export interface ReplayGuardOptions {
  /** How far a nonce (epoch seconds) may be from now, either way. Default 300. */
  windowSeconds?: number
  /** The clock, in ms since the epoch. */
  now?: () => number
}

/**
 * Remembers the OneTouch callbacks already received, for as long as their nonce is fresh.
 * Authy's nonce is the signing time in epoch seconds, so older callbacks are refused outright and
 * the memory never grows past the window.
 *
 * @example
 * const replays = createReplayGuard()
 * replays.isReplay({ nonce: '1700000000', signature: 'abc=' }) // false the first time, true after
 */
export function createReplayGuard(options: ReplayGuardOptions = {}): ReplayGuard {
  const windowMs = (options.windowSeconds ?? 300) * 1000
  const now = options.now ?? Date.now
  const seen = new Map<string, number>()

  return {
    isReplay({ nonce, signature }) {
      if (!nonce || !signature || !/^\d{1,12}(\.\d+)?$/.test(nonce)) return true
      const signedAt = Number(nonce) * 1000
      const current = now()
      if (Math.abs(current - signedAt) > windowMs) return true
      for (const [key, at] of seen) {
        if (Math.abs(current - at) > windowMs) seen.delete(key)
      }
      const key = `${nonce}|${signature}`
      if (seen.has(key)) return true
      seen.set(key, signedAt)
      return false
    },
  }
}
