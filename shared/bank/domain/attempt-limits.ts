import type { Clock } from '../store/store.js'

/** Counts tries per key (a user, an address) and says when there were too many. */
export interface AttemptLimiter {
  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitFor(key: string): number
  /** How many more tries `key` has before it must wait. */
  left(key: string): number
  /** Counts a try of `key` (a wrong code, a text sent). */
  record(key: string): void
  /** Forgets `key`'s tries (after a success). */
  clear(key: string): void
}

/**
 * At most `max` tries per key within `windowMs`; the next waits until the oldest of them is out of
 * the window. Kept in memory: a restart forgives, and only the presenter can restart.
 *
 * @example
 * const wrongCodes = createAttemptLimiter({ max: 5, windowMs: 10 * 60_000 })
 * if (wrongCodes.waitFor(user.id) > 0) return 'locked'
 */
export function createAttemptLimiter(options: {
  max: number
  windowMs: number
  clock?: Clock
}): AttemptLimiter {
  const clock = options.clock ?? Date.now
  const tries = new Map<string, number[]>()
  const recent = (key: string) => {
    const since = clock() - options.windowMs
    const kept = (tries.get(key) ?? []).filter((at) => at > since)
    if (kept.length === 0) tries.delete(key)
    else tries.set(key, kept)
    return kept
  }
  return {
    waitFor(key) {
      const kept = recent(key)
      if (kept.length < options.max) return 0
      return kept[kept.length - options.max]! + options.windowMs - clock()
    },
    left(key) {
      return Math.max(0, options.max - recent(key).length)
    },
    record(key) {
      tries.set(key, [...recent(key), clock()])
    },
    clear(key) {
      tries.delete(key)
    },
  }
}

/** What a wrong code leads to: another try, or a wait once there were too many. */
export type WrongCodeOutcome =
  | { kind: 'wrong-code'; triesLeft: number }
  | { kind: 'locked'; waitMs: number }

/**
 * Counts a wrong code of `key`, and says whether another try is left or the wait that follows.
 *
 * @example
 * if (isWrongCode(error)) return wrongCode(limits.wrongCodes, user.id)
 */
export function wrongCode(limiter: AttemptLimiter, key: string): WrongCodeOutcome {
  limiter.record(key)
  const left = limiter.left(key)
  return left > 0
    ? { kind: 'wrong-code', triesLeft: left }
    : { kind: 'locked', waitMs: limiter.waitFor(key) }
}

/**
 * A wait as a person reads it: "1 minute", "7 minutes", "30 seconds".
 *
 * @example
 * waitText(90_000) // '2 minutes'
 */
export function waitText(ms: number): string {
  if (ms < 60_000) {
    const seconds = Math.max(1, Math.ceil(ms / 1000))
    return `${seconds} second${seconds === 1 ? '' : 's'}`
  }
  const minutes = Math.ceil(ms / 60_000)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}

/** The bank's limits on guessing: codes, texts, passwords and room codes. */
export interface BankLimits {
  /** Wrong codes (a phone's confirmation code, a sign-in code), per user: 5 per 10 minutes. */
  wrongCodes: AttemptLimiter
  /** Codes sent by SMS on request, per user: one per 30 seconds… */
  codeTextsNow: AttemptLimiter
  /** …and 5 per 10 minutes. */
  codeTexts: AttemptLimiter
  /** Wrong passwords, per account (email): 5 per 10 minutes. */
  wrongPasswords: AttemptLimiter
  /** Wrong passwords, per address: 20 per 10 minutes, so one laptop cannot try every account. */
  wrongPasswordsFrom: AttemptLimiter
  /** Progress reports with a wrong room code, per address: 20 per 10 minutes. */
  wrongRoomCodesFrom: AttemptLimiter
}

const TEN_MINUTES = 10 * 60_000

/**
 * The limits of one bank app.
 *
 * @example
 * const limits = createBankLimits(Date.now)
 * limits.wrongCodes.record(user.id)
 */
export function createBankLimits(clock: Clock = Date.now): BankLimits {
  return {
    wrongCodes: createAttemptLimiter({ max: 5, windowMs: TEN_MINUTES, clock }),
    codeTextsNow: createAttemptLimiter({ max: 1, windowMs: 30_000, clock }),
    codeTexts: createAttemptLimiter({ max: 5, windowMs: TEN_MINUTES, clock }),
    wrongPasswords: createAttemptLimiter({ max: 5, windowMs: TEN_MINUTES, clock }),
    wrongPasswordsFrom: createAttemptLimiter({ max: 20, windowMs: TEN_MINUTES, clock }),
    wrongRoomCodesFrom: createAttemptLimiter({ max: 20, windowMs: TEN_MINUTES, clock }),
  }
}
