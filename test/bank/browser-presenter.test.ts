import { expect, it } from 'vitest'
import { reportProgress } from '../../shared/kit/room-report.js'
import { expectNoSeriousViolations } from '../support/axe.js'
import { describeWithBrowser, pageProblems, screenshotPath } from '../support/browser.js'
import { useTestBank } from './support/bank-harness.js'

const bank = useTestBank()

describeWithBrowser("the presenter's room view in Chromium", (browser) => {
  it('updates without a reload when a phone approves a transfer and when a check passes a step', async () => {
    const projector = await browser().newContext({ viewport: { width: 1920, height: 1080 } })
    const room = await projector.newPage()
    const problems = pageProblems(room)
    await room.goto(`${bank().url}/presenter?key=${bank().presenter!.key}`)
    expect(await room.locator('#room-code').textContent()).toBe(bank().presenter!.roomCode)
    await expectNoSeriousViolations(room, 'presenter: empty room view')
    // Anything that reloads or navigates the page would lose this mark.
    await room.evaluate(() => Object.assign(window, { stillTheSamePage: true }))
    const sameRoomPage = () =>
      room.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)

    // A learner signs up and sends a transfer; the phone page approves it.
    const learner = bank().visitor()
    await learner.register({ email: 'ada.lovelace@example.com', phone_number: '555 401 0001' })
    await expect.poll(() => room.locator('#count-users').textContent()).toBe('1')
    await learner.sendTransfer({ amount: '42.50' })
    await expect.poll(() => room.locator('#count-pending').textContent()).toBe('1')
    const user = bank().store.findUserByEmail('ada.lovelace@example.com')!
    const phoneUrl = (await bank().sandbox!.control.user(user.authyId!)).phone_url
    const phone = await (await browser().newContext({ viewport: { width: 390, height: 844 } })).newPage()
    await phone.goto(phoneUrl)
    await phone.getByRole('button', { name: 'Approve' }).click()

    await expect.poll(() => room.locator('#count-approved').textContent()).toBe('1')
    expect(await room.locator('#count-pending').textContent()).toBe('0')
    await expect.poll(() => room.locator('#room-feed li').first().textContent()).toMatch(
      /^ada approved a transfer of ≈ \$43 in [\d.]+ s/
    )
    expect(await room.locator('#decision-p50').textContent()).toMatch(/^[\d.]+ s$/)
    expect(await sameRoomPage()).toBe(true)

    // An attendee's check passes steps 1 and 2 (the checker's own report function).
    const settings = { url: bank().url, name: 'Grace', code: bank().presenter!.roomCode }
    expect(await reportProgress(settings, [1, 2])).toContain('Room: sent to')
    await expect.poll(() => room.locator('tr[data-attendee="Grace"] .step-done').count()).toBe(2)
    expect(await room.locator('td[data-step-done="2"]').textContent()).toBe('1 of 1')
    expect(await sameRoomPage()).toBe(true)
    await room.screenshot({ path: screenshotPath('presenter-1920x1080') })
    await room.screenshot({ path: screenshotPath('presenter-1920x1080-full'), fullPage: true })

    await expectNoSeriousViolations(room, 'presenter: room view with a decision and an attendee')

    await room.setViewportSize({ width: 1280, height: 720 })
    await room.screenshot({ path: screenshotPath('presenter-1280x720') })
    // Readable on the smaller projector: nothing wider than the screen.
    expect(await room.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
    // And on a phone held up by a presenter without a projector: the grid scrolls inside its box.
    await room.setViewportSize({ width: 320, height: 640 })
    expect(await room.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await expectNoSeriousViolations(room, 'presenter: room view at 320 px')
    expect(problems).toEqual([])
    await projector.close()
  })

  it('sends the presenter demo to the demo phone, and shows its decision', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 720 } })
    const room = await context.newPage()
    await room.goto(`${bank().url}/presenter?key=${bank().presenter!.key}`)
    const approvedBefore = Number(await room.locator('#count-approved').textContent())
    await room.getByRole('button', { name: 'Send a demo transfer to the demo phone' }).click()
    await expect.poll(() => room.locator('#demo-result').textContent()).toContain('Sent: a $25.00 transfer')
    await expectNoSeriousViolations(room, 'presenter: room view after the demo')
    const phoneUrl = await room.locator('#demo-phone-link').getAttribute('href')
    const phone = await context.newPage()
    await phone.goto(phoneUrl!)
    await phone.getByRole('button', { name: 'Approve' }).click()
    await expect
      .poll(() => room.locator('#count-approved').textContent())
      .toBe(String(approvedBefore + 1))
    await expect.poll(() => room.locator('#room-feed li').first().textContent()).toMatch(
      /^presenter approved a transfer of ≈ \$25/
    )
    await context.close()
  })
})
