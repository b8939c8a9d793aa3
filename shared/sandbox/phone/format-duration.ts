/**
 * Time left as the phone page shows it (the page's script uses the same rules): `m:ss` under an
 * hour, `h h mm min` above.
 *
 * @example
 * formatDuration(599) // '9:59'
 * formatDuration(86_400) // '24 h 00 min'
 */
export function formatDuration(seconds: number): string {
  if (seconds >= 3600) {
    const minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')
    return `${Math.floor(seconds / 3600)} h ${minutes} min`
  }
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
