/**
 * A moment as the bank's pages show it: short, in UTC (the server cannot know the reader's zone).
 *
 * @example
 * utcText('2026-01-01T09:05:00.000Z') // 'Jan 1, 09:05 UTC'
 */
export function utcText(iso: string): string {
  return (
    new Date(iso).toLocaleString('en-US', {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: 'UTC',
    }) + ' UTC'
  )
}
