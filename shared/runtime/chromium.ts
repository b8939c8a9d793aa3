import { existsSync } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser']

/** What to do when no Chromium is found. */
export const CHROMIUM_MISSING =
  'Chromium was not found, so the browser tests cannot run. Install it with ' +
  '`sudo apt-get install chromium` (Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium binary.'

/**
 * The Chromium the browser tests drive: $CHROMIUM_PATH, else Debian's `chromium`.
 *
 * @example
 * const executablePath = findChromium() // '/usr/bin/chromium', or undefined
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  return CANDIDATES.find((path) => existsSync(path))
}
