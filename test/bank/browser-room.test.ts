import { afterAll, expect, it } from 'vitest'
import { expectNoSeriousViolations } from '../support/axe.js'
import { describeWithBrowser, screenshotPath } from '../support/browser.js'
import { closeTestBanks, transferById } from './support/bank-harness.js'
import { killBankProcesses } from './support/bank-process.js'
import { attendeeApp, joinRoom, startRoom, type Room } from './support/room-process.js'

let room: Room | undefined
afterAll(async () => {
  await closeTestBanks()
  await room?.close()
  await killBankProcesses()
})

describeWithBrowser('a room in Chromium', (browser) => {
  it("approves an attendee's transfer on a phone page served at the room's address", async () => {
    room = await startRoom()
    const joined = await joinRoom(room, 'Ada')
    const { bank, visitor } = await attendeeApp(room, joined.env)
    const ada = visitor()
    await ada.register({ email: 'ada@example.com', phone_number: '555 701 0001' })

    // The attendee's own browser: their bank, signed in with the same session.
    const desk = await browser().newContext({ viewport: { width: 1180, height: 900 } })
    const cookies = ada.cookieHeader().split('; ').map((pair) => ({
      name: pair.slice(0, pair.indexOf('=')),
      value: pair.slice(pair.indexOf('=') + 1),
      url: bank.url,
    }))
    await desk.addCookies(cookies)
    const page = await desk.newPage()
    await page.goto(`${bank.url}/account`)
    const phoneUrl = await page.getByRole('link', { name: 'Open your phone page' }).getAttribute('href')
    expect(new URL(phoneUrl!).port).toBe(String(room.ports.sandbox))
    await page.getByRole('link', { name: 'Make a transfer' }).click()
    await page.getByLabel('Recipient email').fill('bob@example.com')
    await page.getByLabel('Account number').fill('12345678')
    await page.getByLabel('Amount (US dollars)').fill('7.50')
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await expect.poll(() => page.locator('#headline').textContent()).toBe('Waiting for approval on your phone')

    const phoneContext = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    const phone = await phoneContext.newPage()
    await phone.goto(phoneUrl!)
    await expect.poll(() => phone.getByText("Ada's bank").count()).toBeGreaterThan(0)
    await expectNoSeriousViolations(phone, 'room: phone page with a request from an application')
    await phone.screenshot({ path: screenshotPath('room-phone'), fullPage: true })
    await phone.getByRole('button', { name: 'Approve' }).click()

    await expect.poll(() => page.locator('#headline').textContent(), { timeout: 15_000 }).toBe('Money transfer approved')
    const id = new URL(page.url()).pathname.split('/').pop()!
    expect(transferById(bank, id)!.status).toBe('approved')
    await page.screenshot({ path: screenshotPath('room-attendee-approved'), fullPage: true })
    await desk.close()
    await phoneContext.close()
  })
})
