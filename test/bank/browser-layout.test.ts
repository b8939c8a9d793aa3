// The main pages at 320 CSS px wide and at 200% zoom, with no horizontal scrolling (WCAG 1.4.10
// and 1.4.4), with no movement when reduced motion is asked for, and in a declared language.
// Screenshots of each go to test-output/screenshots/a11y-320-*.png and a11y-zoom200-*.png.
//
// How zoom is reproduced: a browser window 1280 px wide zoomed to 200% lays pages out in 640 CSS
// px, two device pixels to each; so that is the viewport, with deviceScaleFactor 2 (media queries,
// rem and vw then behave as under real zoom, which CSS `zoom` would not give). 320 px is the
// width WCAG's reflow criterion names (1280 px at 400%).
import type { BrowserContextOptions } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser, screenshotPath } from '../support/browser.js'
import { transferById, useTestBank } from './support/bank-harness.js'
import { pendingRequest, phoneUrlOf, tabAs } from './support/browser-pages.js'
import type { Visitor } from './support/visitor.js'

const bank = useTestBank()

const LAYOUTS: Record<string, BrowserContextOptions> = {
  '320': { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 },
  zoom200: { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
}

interface Shown {
  /** An address on the bank (a path) or anywhere (the phone page). */
  url: string
  visitor?: Visitor
}

let users = 0

async function newUser(options: { app?: boolean } = {}) {
  users += 1
  const email = `layout${users}@example.com`
  const visitor = bank().visitor()
  await visitor.register({ email, phone_number: `555 340 ${1000 + users}` })
  if (options.app) {
    await bank().sandbox!.control.setDevice(bank().store.findUserByEmail(email)!.authyId, true)
  }
  return { visitor, email }
}

async function waitingSignIn() {
  const user = await newUser({ app: true })
  user.visitor.forgetCookies()
  await user.visitor.signIn(user.email)
  return user
}

/** The main pages, each reached by a visitor over HTTP, then shown in the browser. */
const PAGES: Record<string, () => Promise<Shown>> = {
  'sign-up': async () => ({ url: '/' }),
  verify: async () => {
    const visitor = bank().visitor()
    users += 1
    await visitor.post('/register', {
      email: `layout${users}@example.com`,
      password: 'correct horse battery staple',
      country_code: '44',
      phone_number: '7700 900123',
    })
    return { url: '/verify', visitor }
  },
  account: async () => ({ url: '/account', visitor: (await newUser()).visitor }),
  'transfer-form': async () => {
    const { visitor } = await newUser()
    await visitor.sendTransfer({ recipient_email: 'a.very.long.recipient.name@example.com' })
    return { url: '/transfers/new', visitor }
  },
  'transfer-pending': async () => {
    const { visitor } = await newUser()
    const { transferId } = await visitor.sendTransfer()
    return { url: `/transfers/${transferId}`, visitor }
  },
  'transfer-approved': async () => {
    const { visitor } = await newUser()
    const { transferId } = await visitor.sendTransfer()
    const transfer = transferById(bank(), transferId!)!
    await bank().sandbox!.control.approve(transfer.approvalUuid!)
    await expect.poll(() => transferById(bank(), transferId!)!.status).toBe('approved')
    return { url: `/transfers/${transferId}`, visitor }
  },
  'sign-in': async () => ({ url: '/login' }),
  'sign-in-waiting': async () => ({ url: '/login/wait', visitor: (await waitingSignIn()).visitor }),
  'sign-in-fallback': async () => {
    const { visitor, email } = await waitingSignIn()
    await bank().sandbox!.control.deny(await pendingRequest(bank(), email, 'sign in'))
    return { url: '/login/wait', visitor }
  },
  'page-not-found': async () => ({ url: '/no-such-page' }),
  phone: async () => {
    const { visitor, email } = await newUser({ app: true })
    await visitor.sendTransfer({ recipient_email: 'a.very.long.recipient.name@example.com' })
    return { url: await phoneUrlOf(bank(), email) }
  },
}

describeWithBrowser('the main pages at 320 px and at 200% zoom, in Chromium', (browser) => {
  it.each(Object.keys(PAGES))(
    '%s: no horizontal scrolling at 320 px or at 200% zoom, no movement, a language',
    async (name) => {
      const shown = await PAGES[name]!()
      const url = shown.url.startsWith('/') ? `${bank().url}${shown.url}` : shown.url
      for (const [layout, options] of Object.entries(LAYOUTS)) {
        const { page, context } = await tabAs(browser(), bank(), shown.visitor, options)
        await page.emulateMedia({ reducedMotion: 'reduce' })
        await page.goto(url)
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
function movement(page: import('playwright-core').Page): Promise<string[]> {
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
