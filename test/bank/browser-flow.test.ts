import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser, pageProblems, screenshotPath } from '../support/browser.js'
import { useTestBank } from './support/bank-harness.js'

const bank = useTestBank({ env: { POLL_INTERVAL_MS: '1000' } })

/** Signs up in the page, and types the code the phone received (read from the sandbox's inbox). */
async function signUp(page: Page, email: string, phoneNumber: string, screenshot?: string) {
  await page.goto(bank().url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('correct horse battery staple')
  await page.getByLabel('Country code').fill('1')
  await page.getByLabel('Cellphone').fill(phoneNumber)
  if (screenshot) await page.screenshot({ path: screenshotPath(screenshot), fullPage: true })
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Enter the code we sent/)
  const [text] = await bank().sandbox!.control.messages('1', phoneNumber.replace(/\D/g, ''))
  await page.getByLabel('Code').fill(text!.code!)
  await page.getByRole('button', { name: 'Confirm my phone' }).click()
}

describeWithBrowser('an attendee in Chromium', (browser) => {
  it('registers, sends a transfer, approves it on the phone and sees "approved" appear without a reload', async () => {
    const desk = await browser().newContext({ viewport: { width: 1180, height: 900 } })
    const page = await desk.newPage()
    const problems = pageProblems(page)

    await signUp(page, 'ada@example.com', '555 123 4567', 'bank-register')

    await expect.poll(() => page.locator('h1').textContent()).toBe('You are registered with Authy')
    const phoneUrl = await page
      .getByRole('link', { name: 'Open your phone page' })
      .getAttribute('href')
    expect(phoneUrl).toMatch(/\/phone\//)
    await page.getByRole('link', { name: 'Make a transfer' }).click()

    await page.getByLabel('Recipient email').fill('bob@example.com')
    await page.getByLabel('Account number').fill('12345678')
    await page.getByLabel('Amount (US dollars)').fill('42.50')
    await page.getByRole('button', { name: 'Send for approval' }).click()

    await expect
      .poll(() => page.locator('#headline').textContent())
      .toBe('Waiting for approval on your phone')
    await expect.poll(() => page.locator('#countdown-time').textContent()).toMatch(/^\d+:\d\d$/)
    await page.screenshot({ path: screenshotPath('bank-waiting'), fullPage: true })
    // Anything that reloads or navigates the page would lose this mark.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }))

    const phoneContext = await browser().newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    const phone = await phoneContext.newPage()
    await phone.goto(phoneUrl!)
    await expect.poll(() => phone.getByText('Transfer money to bob@example.com').count()).toBe(1)
    await phone.screenshot({ path: screenshotPath('bank-phone'), fullPage: true })
    await phone.getByRole('button', { name: 'Approve' }).click()

    await expect.poll(() => page.locator('#headline').textContent()).toBe('Money transfer approved')
    expect(await page.locator('#status-badge').textContent()).toBe('Approved')
    expect(
      await page.evaluate(
        () => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage
      )
    ).toBe(true)
    expect(await page.locator('#countdown').isHidden()).toBe(true)
    expect(await page.locator('#transaction-id').textContent()).toMatch(/^[0-9a-f-]{36}$/)
    expect(await page.locator('#decided').isVisible()).toBe(true)
    expect(await page.locator('#decided-label').textContent()).toBe('Approved at')
    expect(await page.locator('#decided-at').textContent()).toMatch(/ UTC$/)
    await page.screenshot({ path: screenshotPath('bank-result'), fullPage: true })

    expect(problems).toEqual([])
    await phoneContext.close()
    await desk.close()
  })

  it.each([320, 420, 1180])(
    'keeps the phone link in two whole parts at %i px wide, never a lone letter on a line',
    async (width) => {
      const context = await browser().newContext({ viewport: { width, height: 900 } })
      const page = await context.newPage()
      await signUp(page, `wrap${width}@example.com`, `555 200 ${width + 1000}`)
      const parts = page.locator('p.url span')
      await expect.poll(() => parts.count()).toBe(2)
      const linesOf = (index: number) =>
        parts.nth(index).evaluate((span) => span.getClientRects().length)
      expect([await linesOf(0), await linesOf(1)]).toEqual([1, 1])
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width
      )
      await context.close()
    }
  )
})
