// Driving a page with the keyboard alone: Tab / Shift+Tab to a control by its name, checking at
// every stop that the focused control shows a focus ring of at least 3:1 against what is behind it.
import type { Page } from 'playwright-core'
import { measureContrastInPage, type MeasuredContrast } from './contrast-in-page.js'

/**
 * The name of the focused control, as a person hears it: an input's label, a button's or link's
 * text; '' when nothing is focused.
 *
 * @example
 * expect(await focusedName(page)).toBe('Email')
 */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null
    if (!focused || focused === document.body) return ''
    const label = (focused as HTMLInputElement).labels?.[0]?.textContent
    return (label ?? focused.getAttribute('aria-label') ?? focused.textContent ?? '').trim()
  })
}

/**
 * The focus ring of the focused control, measured: `ratio` 1 when it has none.
 *
 * @example
 * expect((await focusRing(page))!.ratio).toBeGreaterThanOrEqual(3)
 */
export async function focusRing(page: Page): Promise<MeasuredContrast | undefined> {
  const [ring] = await page.evaluate(measureContrastInPage, {
    targets: [],
    of: 'focus-ring' as const,
  })
  return ring
}

/**
 * Fails unless the focused control shows a focus ring of at least 3:1.
 *
 * @example
 * await expectVisibleFocus(page)
 */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const ring = await focusRing(page)
  if (!ring) throw new Error('Nothing has the focus')
  if (ring.ratio < ring.needed) {
    throw new Error(
      `The focus ring of ${ring.target} "${ring.text}" measures ${ring.ratio.toFixed(2)}:1 ` +
        `against its background; it needs ${ring.needed}:1 (a ratio of 1 means no ring)`
    )
  }
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused control's name matches, checking the
 * focus ring at every stop; fails after `max` presses, listing the stops.
 *
 * @example
 * await tabTo(page, 'Approve')
 */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  options: { back?: boolean; max?: number } = {}
): Promise<void> {
  const stops: string[] = []
  for (let press = 0; press < (options.max ?? 40); press++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
    const now = await focusedName(page)
    stops.push(now)
    if (now) await expectVisibleFocus(page)
    if (typeof name === 'string' ? now === name : name.test(now)) return
  }
  throw new Error(`Tab never reached "${name}"; it went through: ${stops.join(' → ')}`)
}

/**
 * Presses Tab through every control of the page, once round, checking each one's focus ring;
 * returns the names met, in order.
 *
 * @example
 * expect(await tabThroughAll(page)).toContain('Sign out')
 */
export async function tabThroughAll(page: Page, max = 60): Promise<string[]> {
  const names: string[] = []
  if (await page.evaluate(() => document.activeElement !== document.body)) {
    await expectVisibleFocus(page)
  }
  for (let press = 0; press < max; press++) {
    await page.keyboard.press('Tab')
    const again = await page.evaluate(() => {
      const focused = document.activeElement
      if (!focused || focused === document.body) return true
      if (focused.hasAttribute('data-tabbed')) return true
      focused.setAttribute('data-tabbed', '')
      return false
    })
    if (again) return names
    names.push(await focusedName(page))
    await expectVisibleFocus(page)
  }
  throw new Error(`Tab did not come round after ${max} presses: ${names.join(' → ')}`)
}
