// Browser pages for the page tests: a Chromium tab that is the same browser as a Visitor (its
// session cookie), a user's phone page, and the uuid of the newest approval request a phone got.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { waitFor, type TestBank } from './bank-harness.js'
import type { Visitor } from './visitor.js'

/** A desk-sized window, and a phone-sized one (as the existing browser tests use). */
export const DESK: BrowserContextOptions = { viewport: { width: 1180, height: 900 } }
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
}

/**
 * A new tab that carries the visitor's cookies: what the visitor did over HTTP (signed up, sent a
 * transfer) is this browser's, so the tab opens its pages signed in.
 *
 * @example
 * const { page } = await tabAs(browser, bank, visitor)
 * await page.goto(`${bank.url}/account`)
 */
export async function tabAs(
  browser: Browser,
  bank: TestBank,
  visitor: Visitor | undefined,
  options: BrowserContextOptions = DESK
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext(options)
  const cookies = visitor ? visitor.cookieHeader().split('; ').filter(Boolean) : []
  await context.addCookies(
    cookies.map((pair) => {
      const index = pair.indexOf('=')
      return { name: pair.slice(0, index), value: pair.slice(index + 1), url: bank.url }
    })
  )
  return { page: await context.newPage(), context }
}

/**
 * The phone page URL of a user, by their email.
 *
 * @example
 * await phone.goto(await phoneUrlOf(bank, 'ada@example.com'))
 */
export async function phoneUrlOf(bank: TestBank, email: string): Promise<string> {
  const user = bank.store.findUserByEmail(email)
  if (!user) throw new Error(`No user ${email}`)
  return (await bank.sandbox!.control.user(user.authyId!)).phone_url
}

/**
 * The uuid of the newest pending approval request on a user's phone whose message contains
 * `message` (waits for it to arrive).
 *
 * @example
 * await bank.sandbox!.control.deny(await pendingRequest(bank, 'ada@example.com', 'sign in'))
 */
export async function pendingRequest(
  bank: TestBank,
  email: string,
  message: string
): Promise<string> {
  const user = bank.store.findUserByEmail(email)
  if (!user) throw new Error(`No user ${email}`)
  const request = await waitFor(
    async () =>
      (await bank.sandbox!.control.approvalRequests(user.authyId!)).find(
        (candidate) => candidate.status === 'pending' && candidate.message.includes(message)
      ),
    `a pending request "${message}" on ${email}'s phone`
  )
  return request.uuid
}
