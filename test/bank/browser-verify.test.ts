// The finished app with PROVIDER=verify in real Chromium, the sandbox's Verify Push phone page as
// the phone: sign-up by the Verify SMS, transfers approved, denied and expired on the phone (the
// transfer page following live), sign-in approved on the phone, and the authenticator fallback.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterEach, expect, it } from 'vitest'
import { expectNoSeriousViolations } from '../support/axe.js'
import { describeWithBrowser, PHONE_CONTEXT, screenshotPath } from '../support/browser.js'
import { useTestBank } from './support/bank-harness.js'

const bank = useTestBank({ env: { PROVIDER: 'verify', POLL_INTERVAL_MS: '1000' } })

describeWithBrowser('the finished app with Twilio Verify, in Chromium', (browser) => {
  const contexts: BrowserContext[] = []
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })

  async function newPage(b: Browser, phone = false): Promise<{ page: Page; problems: string[] }> {
    const context = await b.newContext(phone ? PHONE_CONTEXT : { viewport: { width: 1180, height: 900 } })
    contexts.push(context)
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    return { page, problems }
  }

  /** Signs up in the page; the code comes from the Verify Push phone page's inbox. */
  async function signUp(email: string, phoneNumber: string, shots = false) {
    const { page, problems } = await newPage(browser())
    await page.goto(bank().url)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('correct horse battery staple')
    await page.getByLabel('Country code').fill('1')
    await page.getByLabel('Cellphone').fill(phoneNumber)
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Enter the code we sent to/)
    const phoneUrl = await page.getByRole('link', { name: 'Open your phone page' }).getAttribute('href')
    expect(phoneUrl).toMatch(/\/phone\/verify\//)
    const { page: phone } = await newPage(browser(), true)
    await phone.goto(phoneUrl!)
    const code = await phone.locator('.msg .code').first().textContent()
    expect(code).toMatch(/^\d{6}$/)
    expect(await phone.locator('.msg').first().textContent()).toContain('Your OneTouch Bank verification code is')
    if (shots) await phone.screenshot({ path: screenshotPath('verify-bank-phone-code'), fullPage: true })
    await page.getByLabel('Code').fill(code!)
    await page.getByRole('button', { name: 'Confirm my phone' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are registered with Twilio Verify')
    if (shots) await page.screenshot({ path: screenshotPath('verify-bank-account'), fullPage: true })
    return { page, phone, problems }
  }

  async function sendTransfer(page: Page, amount: string) {
    await page.goto(`${bank().url}/transfers/new`)
    await page.getByLabel('Recipient email').fill('bob@example.com')
    await page.getByLabel('Account number').fill('12345678')
    await page.getByLabel('Amount (US dollars)').fill(amount)
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await expect.poll(() => page.locator('#headline').textContent()).toBe('Waiting for approval on your phone')
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }))
  }

  const samePage = (page: Page) =>
    page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)

  it('approves, denies and lets expire transfers pushed to the phone, the page following live', async () => {
    const { page, phone, problems } = await signUp('ada@example.com', '555 402 0001', true)

    await sendTransfer(page, '42.50')
    await page.screenshot({ path: screenshotPath('verify-bank-waiting'), fullPage: true })
    const card = phone.locator('article.request', { hasText: '$42.50' })
    await card.waitFor({ timeout: 10_000 })
    for (const text of ['Transfer money to bob@example.com', 'ada@example.com', 'bob@example.com', '12345678', '$42.50'])
      expect(await card.textContent()).toContain(text)
    expect(await card.locator('[data-left-ms]').textContent()).toMatch(/^(10:00|9:\d\d)$/)
    await phone.screenshot({ path: screenshotPath('verify-bank-phone-transfer'), fullPage: true })
    await card.getByRole('button', { name: 'Approve' }).tap()
    await expect.poll(() => page.locator('#headline').textContent()).toBe('Money transfer approved')
    expect(await samePage(page)).toBe(true)
    expect(await page.locator('#transaction-id').textContent()).toMatch(/^YC[0-9a-f]{32}$/)
    await page.screenshot({ path: screenshotPath('verify-bank-approved'), fullPage: true })

    await sendTransfer(page, '7.00')
    await phone.locator('article.request', { hasText: '$7.00' }).getByRole('button', { name: 'Deny' }).tap()
    await expect.poll(() => page.locator('#headline').textContent()).toBe('Money transfer denied')
    expect(await samePage(page)).toBe(true)

    await sendTransfer(page, '3.00')
    const sid = (await bank().store.transfersOf(bank().store.findUserByEmail('ada@example.com')!.id))[0]!.approvalUuid!
    await bank().sandbox!.control.verify.expire(sid)
    await expect.poll(() => page.locator('#headline').textContent(), { timeout: 10_000 }).toBe('Money transfer expired')
    expect(await samePage(page)).toBe(true)
    await page.screenshot({ path: screenshotPath('verify-bank-expired'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('signs in approved on the phone, and with the authenticator app’s code after a denial', async () => {
    const { page, phone, problems } = await signUp('bea@example.com', '555 402 0002')
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Scan this with your authenticator app')
    expect(await page.locator('img.qr').count()).toBe(1)
    await expectNoSeriousViolations(page, 'verify: authenticator set-up')
    await page.screenshot({ path: screenshotPath('verify-bank-authenticator'), fullPage: true })
    // The phone page shows the codes of the new TOTP factor, as an authenticator app would.
    await phone.reload()
    const appCode = async () => (await phone.locator('.token-card .token').first().textContent())!.replace(/\s/g, '')
    await page.getByLabel('Code from the app').fill(await appCode())
    await page.getByRole('button', { name: 'Finish setting up' }).click()
    await expect.poll(() => page.locator('.notice').first().textContent()).toContain('Your authenticator app is set up')

    const signIn = async () => {
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.goto(`${bank().url}/login`)
      await page.getByLabel('Email').fill('bea@example.com')
      await page.getByLabel('Password').fill('correct horse battery staple')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('Approve the sign-in on your phone')
    }
    await signIn()
    const request = phone.locator('article.request', { hasText: 'Request to sign in to OneTouch Bank' })
    await request.waitFor({ timeout: 10_000 })
    expect(await request.textContent()).toContain('bea@example.com')
    await expectNoSeriousViolations(phone, 'verify: phone page with a sign-in to approve')
    await phone.screenshot({ path: screenshotPath('verify-bank-phone-sign-in'), fullPage: true })
    await request.getByRole('button', { name: 'Approve' }).tap()
    // The approval is shown and announced for a moment before the account opens.
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('You are registered with Twilio Verify')

    await signIn()
    await phone.locator('article.request', { hasText: 'Request to sign in' }).getByRole('button', { name: 'Deny' }).tap()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign-in denied')
    await page.screenshot({ path: screenshotPath('verify-bank-fallback'), fullPage: true })
    await phone.reload()
    await page.getByLabel('Code', { exact: true }).fill(await appCode())
    await page.getByRole('button', { name: 'Sign in with this code' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are registered with Twilio Verify')
    expect(problems).toEqual([])
  })
})
