const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * A moment as every page of the kit shows it (the bank's and the phone pages): short, 24-hour,
 * in UTC, since a server cannot know the reader's time zone. Written out by hand: Intl's
 * `hour12: false` gives "24:05" for five past midnight.
 *
 * @example
 * utcText('2026-01-01T00:05:00.000Z') // 'Jan 1, 00:05 UTC'
 */
export function utcText(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const two = (n: number) => String(n).padStart(2, '0')
  return (
    `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`
  )
}
