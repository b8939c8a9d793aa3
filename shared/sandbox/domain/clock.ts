/** Milliseconds since the epoch; injected so the sandbox's notion of "now" has one source. */
export type Clock = () => number

/**
 * The ISO-8601 form Authy uses for approval request dates: UTC, whole seconds, `Z`.
 *
 * @example
 * isoSeconds(Date.UTC(2017, 1, 10, 1, 9, 52, 431)) // '2017-02-10T01:09:52Z'
 */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000)
  let text = isoSecondsMade.get(second)
  if (text === undefined) {
    // Every status read formats two dates, mostly the same few: each is made once.
    if (isoSecondsMade.size >= ISO_SECONDS_KEPT) isoSecondsMade.clear()
    text = new Date(second * 1000).toISOString().replace(/\.000Z$/, 'Z')
    isoSecondsMade.set(second, text)
  }
  return text
}

const ISO_SECONDS_KEPT = 1024
const isoSecondsMade = new Map<number, string>()

/**
 * Whole epoch seconds, as Authy puts them in callbacks and nonces.
 *
 * @example
 * epochSeconds(1512923419999) // 1512923419
 */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}

/**
 * The RFC 2822 form Twilio's 2010 API uses for `date_created`, `date_sent` and `date_updated`:
 * GMT, whole seconds, `+0000`.
 *
 * @example
 * rfc2822(Date.UTC(2023, 7, 24, 5, 1, 45)) // 'Thu, 24 Aug 2023 05:01:45 +0000'
 */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000')
}
