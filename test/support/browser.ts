// Real Chromium for page tests: Debian's `chromium`, driven by playwright-core (which never downloads
// a browser). Without Chromium the suite is skipped with a notice, except under CI=true, where a
// missing browser is a failure.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { CHROMIUM_MISSING, findChromium } from '../../shared/runtime/chromium.js'

/** A phone-sized browser context, as the phone page tests open one. */
export const PHONE_CONTEXT = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
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

/**
 * Collects a page's script errors and console errors, for `expect(problems).toEqual([])` at the end.
 *
 * @example
 * const problems = pageProblems(page)
 */
export function pageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  return problems
}
