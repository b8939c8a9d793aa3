import { expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { describeWithBrowser, pageProblems, screenshotPath } from '../support/browser.js'
import { useTestBank } from './support/bank-harness.js'

const bank = useTestBank()

/** The phone page of the newest user, in a phone-sized context. */
async function phonePage(browser: Browser, email: string) {
  const user = bank().store.findUserByEmail(email)!
  const url = await bank().sandbox!.control.user(user.authyId!).then((view) => view.phone_url)
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  })
  const phone = await context.newPage()
  await phone.goto(url)
  return { phone, context, user }
}

async function signUp(page: import('playwright-core').Page, email: string, phoneNumber: string) {
  await page.goto(bank().url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('correct horse battery staple')
  await page.getByLabel('Country code').fill('1')
  await page.getByLabel('Cellphone').fill(phoneNumber)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Enter the code we sent to/)
}

describeWithBrowser('module 2 in Chromium', (browser) => {
  it('signs up with the code from the phone page, then signs in approved on the phone without a reload', async () => {
    const desk = await browser().newContext({ viewport: { width: 1180, height: 900 } })
    const page = await desk.newPage()
    const problems = pageProblems(page)

    await signUp(page, 'ada@example.com', '555 401 0001')
    await page.screenshot({ path: screenshotPath('module2-verify'), fullPage: true })
    const { phone, context, user } = await phonePage(browser(), 'ada@example.com')
    const code = await phone.locator('.msg .code').first().textContent()
    expect(code).toMatch(/^\d{7}$/)
    await page.getByLabel('Code').fill(code!)
    await page.getByRole('button', { name: 'Confirm my phone' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are registered with Authy')
    await page.screenshot({ path: screenshotPath('module2-account'), fullPage: true })
    await expect
      .poll(async () => (await phone.locator('.msg').first().textContent()) ?? '')
      .toContain('You did it! Signup complete :)')
    await phone.screenshot({ path: screenshotPath('module2-phone-confirmation'), fullPage: true })

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.goto(`${bank().url}/login`)
    await page.getByLabel('Email').fill('ada@example.com')
    await page.getByLabel('Password').fill('correct horse battery staple')
    await page.screenshot({ path: screenshotPath('module2-sign-in'), fullPage: true })
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Approve the sign-in on your phone')
    await page.screenshot({ path: screenshotPath('module2-sign-in-waiting'), fullPage: true })
    await page.evaluate(() => Object.assign(window, { stillWaiting: true }))

    await expect.poll(() => phone.getByText('Request to sign in to OneTouch Bank').count()).toBe(1)
    await phone.screenshot({ path: screenshotPath('module2-phone-sign-in'), fullPage: true })
    await phone.getByRole('button', { name: 'Approve' }).click()
    // The waiting page says "Sign-in approved" for a moment (for screen readers), then moves on.
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('You are registered with Authy')
    expect(page.url()).toBe(`${bank().url}/account`)
    expect(await bank().store.findUserByEmail('ada@example.com')).toMatchObject({ id: user.id })
    expect(problems).toEqual([])
    await context.close()
    await desk.close()
  })

  it('signs in with the app’s code after a denial', async () => {
    const desk = await browser().newContext({ viewport: { width: 1180, height: 900 } })
    const page = await desk.newPage()
    await signUp(page, 'bob@example.com', '555 401 0002')
    const { phone, context } = await phonePage(browser(), 'bob@example.com')
    const code = await phone.locator('.msg .code').first().textContent()
    await page.getByLabel('Code').fill(code!)
    await page.getByRole('button', { name: 'Confirm my phone' }).click()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.goto(`${bank().url}/login`)
    await page.getByLabel('Email').fill('bob@example.com')
    await page.getByLabel('Password').fill('correct horse battery staple')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => phone.getByText('Request to sign in to OneTouch Bank').count()).toBe(1)
    await phone.getByRole('button', { name: 'Deny' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign-in denied')
    await page.screenshot({ path: screenshotPath('module2-fallback'), fullPage: true })
    const token = (await phone.locator('.token').textContent())!.replace(/\s/g, '')
    expect(token).toMatch(/^\d{7}$/)
    await page.getByLabel('Code', { exact: true }).fill(token!)
    await page.getByRole('button', { name: 'Sign in with this code' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are registered with Authy')
    await context.close()
    await desk.close()
  })
})

