// Real Chromium for page tests: Debian's `chromium`, driven by playwright-core (which never downloads
// a browser). Without Chromium the suite is skipped with a notice, except under CI=true, where a
// missing browser is a failure.
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser']

export const CHROMIUM_MISSING =
  'Chromium was not found, so the browser tests cannot run. Install it with ' +
  '`sudo apt-get install chromium` (Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium binary.'

/** The Chromium to drive: $CHROMIUM_PATH, else Debian's `chromium`. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  return CANDIDATES.find((path) => existsSync(path))
}

/** Where screenshots go: `test-output/screenshots/<name>.png`. */
export function screenshotPath(name: string): string {
  const dir = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  return `${dir}${name}.png`
}

/**
 * A `describe` block with a launched headless Chromium. Skipped with a notice when Chromium is
 * missing; under CI=true that is a failing test instead.
 */
export function describeWithBrowser(name: string, body: (browser: () => Browser) => void): void {
  const executablePath = findChromium()
  if (!executablePath) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('needs Chromium', () => {
          throw new Error(CHROMIUM_MISSING)
        })
      })
    } else {
      console.warn(`Skipping "${name}": ${CHROMIUM_MISSING}`)
      describe.skip(name, () => body(() => undefined as never))
    }
    return
  }

  describe(name, () => {
    let browser: Browser | undefined
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      })
    })
    afterAll(async () => {
      await browser?.close()
    })
    body(() => {
      if (!browser) throw new Error('Chromium did not start')
      return browser
    })
  })
}
