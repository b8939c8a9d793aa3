// How the kit writes to a terminal: each mark with its meaning in words (a line must read the
// same to someone whose terminal shows no emoji, or whose screen reader skips or names them), and
// no escape sequence where it is not wanted. The kit prints no colour at all; `NO_COLOR`
// (https://no-color.org), `TERM=dumb` or output that is not a terminal also turn off the one
// escape it has, the watch mode's screen clearing.

/** The marks that start a line, each followed by the words that say the same. */
export const MARKS = {
  ok: '✅ OK:',
  fix: '🚨 To fix:',
  note: '➖ Note:',
} as const

/**
 * The escape sequence that clears a terminal, or '' when it must not be sent: output that is not
 * a terminal (a file, a pipe, a CI log), `TERM=dumb`, or `NO_COLOR` set to anything but ''.
 *
 * @example
 * process.stdout.write(clearScreen(process.stdout, process.env) || '\n')
 */
export function clearScreen(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>
): string {
  if (!stream.isTTY || env.TERM === 'dumb' || (env.NO_COLOR ?? '') !== '') return ''
  return '\x1B[2J\x1B[H'
}
