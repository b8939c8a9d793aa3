// The flows with the keyboard alone (Tab, Shift+Tab, Enter, Space) in Chromium: no click, no
// fill. Every control reached shows a focus ring of at least 3:1, a failed submit puts the focus
// in the first field to fix, and a decision from the phone puts it on the result heading.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser } from '../support/browser.js'
import { expectVisibleFocus, focusedName, tabThroughAll, tabTo } from '../support/keyboard.js'
import { useTestBank } from './support/bank-harness.js'
import { DESK, PHONE, phoneUrlOf, tabAs } from './support/browser-pages.js'
import { mainPages } from './support/main-pages.js'
import { PASSWORD } from './support/visitor.js'

const bank = useTestBank()
const pages = mainPages(bank)

/** Types into the focused field, after selecting what it held. */
async function typeHere(page: Page, text: string) {
  await expectVisibleFocus(page)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

/** The newest code texted to a phone, read from the sandbox's inbox (the phone page shows it). */
async function newestCode(phone: string) {
  const [text] = await bank().sandbox!.control.messages('1', phone.replace(/\D/g, ''))
  return text!.code!
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

describeWithBrowser('the keyboard alone, in Chromium', (browser) => {
  it('signs up, confirms the phone, sends a transfer and approves it on the phone page', async () => {
    const phoneNumber = '555 330 0001'
    const desk = await browser().newContext(DESK)
    const page = await desk.newPage()
    await page.goto(bank().url)

    await expect.poll(() => focusedName(page)).toBe('Email')
    await typeHere(page, 'keys@example.com')
    await tabTo(page, 'Password')
    await typeHere(page, PASSWORD)
    await tabTo(page, 'Country code')
    await typeHere(page, '1')
    await tabTo(page, 'Cellphone')
    await typeHere(page, '12')
    await tabTo(page, 'Country code', { back: true })
    await tabTo(page, 'Cellphone')
    await page.keyboard.press('Enter')
    // The number is too short: the focus waits in the field to fix.
    await expect.poll(() => page.locator('#phone_number-error').count()).toBe(1)
    await expect.poll(() => focusedName(page)).toBe('Cellphone')
    await typeHere(page, phoneNumber)
    await tabTo(page, 'Password', { back: true })
    await typeHere(page, PASSWORD)
    await page.keyboard.press('Enter')

    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Enter the code we sent/)
    await expect.poll(() => focusedName(page)).toBe('Code')
    await typeHere(page, '0000000')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#code-error').count()).toBe(1)
    await expect.poll(() => focusedName(page)).toBe('Code')
    await typeHere(page, await newestCode(phoneNumber))
    await page.keyboard.press('Enter')

    await expect.poll(() => page.locator('h1').textContent()).toBe('You are registered with Authy')
    await tabTo(page, 'Make a transfer')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Send money')
    await expect.poll(() => focusedName(page)).toBe('Recipient email')
    await typeHere(page, 'bob@example.com')
    await tabTo(page, 'Account number')
    await typeHere(page, '12345678')
    await tabTo(page, 'Amount (US dollars)')
    await typeHere(page, 'ten')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#amount-error').count()).toBe(1)
    await expect.poll(() => focusedName(page)).toBe('Amount (US dollars)')
    await typeHere(page, '42.50')
    await tabTo(page, 'Send for approval')
    await page.keyboard.press('Space')
    await expect
      .poll(() => page.locator('#headline').textContent())
      .toBe('Waiting for approval on your phone')

    const phoneContext = await browser().newContext(PHONE)
    const phone = await phoneContext.newPage()
    await phone.goto(await phoneUrlOf(bank(), 'keys@example.com'))
    await tabTo(phone, 'Deny')
    await tabTo(phone, 'Approve')
    await phone.keyboard.press('Space')
    await expect.poll(() => phone.locator('.flash').textContent()).toBe('You approved the request.')

    await expect.poll(() => page.locator('#headline').textContent()).toBe('Money transfer approved')
    expect(await focusedId(page)).toBe('headline')
    await expectVisibleFocus(page)
    await tabTo(page, 'Make another transfer')
    await phoneContext.close()
    await desk.close()
  })

  it('signs in approved on the phone, then with a texted code after a denial', async () => {
    const phoneNumber = '555 330 0002'
    const visitor = bank().visitor()
    await visitor.register({ email: 'keys2@example.com', phone_number: phoneNumber })
    const { page, context } = await tabAs(browser(), bank(), undefined)
    const phoneContext = await browser().newContext(PHONE)
    const phone = await phoneContext.newPage()
    await phone.goto(await phoneUrlOf(bank(), 'keys2@example.com'))

    const signIn = async () => {
      await page.goto(`${bank().url}/login`)
      await expect.poll(() => focusedName(page)).toBe('Email')
      await typeHere(page, 'keys2@example.com')
      await tabTo(page, 'Password')
      await typeHere(page, PASSWORD)
      await page.keyboard.press('Enter')
      await expect
        .poll(() => page.locator('h1').textContent())
        .toBe('Approve the sign-in on your phone')
      const request = phone.locator('.request', { hasText: 'Request to sign in to OneTouch Bank' })
      await expect.poll(() => request.count()).toBe(1)
    }

    await signIn()
    await tabTo(phone, 'Approve')
    await phone.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('You are registered with Authy')
    await tabTo(page, 'Sign out')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toMatch(/\/(login)?$/)

    await signIn()
    await tabTo(phone, 'Deny')
    await phone.keyboard.press('Space')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign-in denied')
    expect(await focusedId(page)).toBe('sign-in-headline')
    await tabTo(page, 'Text me a code')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.notice').count()).toBe(1)
    await expect.poll(() => focusedName(page)).toBe('Code')
    await typeHere(page, await newestCode(phoneNumber))
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are registered with Authy')
    await phoneContext.close()
    await context.close()
  })

  it.each(Object.keys(pages))(
    '%s: every control Tab reaches shows a focus ring of at least 3:1',
    async (name) => {
      const shown = await pages[name]!()
      const { page, context } = await tabAs(browser(), bank(), shown.visitor)
      await page.goto(shown.url)
      expect((await tabThroughAll(page)).length).toBeGreaterThan(0)
      await context.close()
    }
  )
})
