// The main pages at 320 CSS px wide and at 200% zoom, with no horizontal scrolling (WCAG 1.4.10
// and 1.4.4), with nothing moving when reduced motion is asked for, and in a declared language.
// Screenshots of each go to test-output/screenshots/a11y-320-*.png and a11y-zoom200-*.png.
//
// How zoom is reproduced: a browser window 1280 px wide zoomed to 200% lays pages out in 640 CSS
// px, two device pixels to each; so that is the viewport, with deviceScaleFactor 2 (media queries,
// rem and vw then behave as under real zoom, which CSS `zoom` would not give). 320 px is the
// width WCAG's reflow criterion names (1280 px at 400%).
import type { BrowserContextOptions, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser, screenshotPath } from '../support/browser.js'
import { useTestBank } from './support/bank-harness.js'
import { tabAs } from './support/browser-pages.js'
import { mainPages } from './support/main-pages.js'

const bank = useTestBank()
const pages = mainPages(bank)

const LAYOUTS: Record<string, BrowserContextOptions> = {
  '320': { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 },
  zoom200: { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
}

describeWithBrowser('the main pages at 320 px and at 200% zoom, in Chromium', (browser) => {
  it.each(Object.keys(pages))(
    '%s: no horizontal scrolling at 320 px or at 200% zoom, no movement, a language',
    async (name) => {
      const shown = await pages[name]!()
      for (const [layout, options] of Object.entries(LAYOUTS)) {
        const { page, context } = await tabAs(browser(), bank(), shown.visitor, options)
        await page.emulateMedia({ reducedMotion: 'reduce' })
        await page.goto(shown.url)
        const sizes = await page.evaluate(() => {
          const scrolling = document.scrollingElement!
          return { scrollWidth: scrolling.scrollWidth, clientWidth: scrolling.clientWidth }
        })
        expect(sizes.scrollWidth, `${name} at ${layout}`).toBeLessThanOrEqual(sizes.clientWidth)
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
        expect(await movement(page)).toEqual([])
        await page.screenshot({ path: screenshotPath(`a11y-${layout}-${name}`), fullPage: true })
        await context.close()
      }
    }
  )
})

/** What moves on the page: running animations, and elements with a transition or animation. */
function movement(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const moving = document.getAnimations().map((animation) => `animation ${animation.id}`)
    for (const element of document.querySelectorAll('*')) {
      const style = getComputedStyle(element)
      const durations = `${style.transitionDuration},${style.animationDuration}`.split(',')
      if (durations.some((duration) => parseFloat(duration) > 0))
        moving.push(`${element.tagName.toLowerCase()}.${element.className}`)
    }
    return moving
  })
}
