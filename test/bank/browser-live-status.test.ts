// What a screen reader hears while a page waits for the phone: each decision (an approval, a
// denial, an expiry, a provider problem) once, through a polite live region, never a countdown
// tick; and the focus moves to the result heading when the decision arrives.
import type { Browser, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser } from '../support/browser.js'
import { announcements, recordTextChanges, type TextChange } from '../support/live-regions.js'
import {
  STATUS_POLLS,
  transferById,
  useTestBank,
  waitFor,
} from './support/bank-harness.js'
import { PHONE, pendingRequest, phoneUrlOf, tabAs } from './support/browser-pages.js'
import { focusedName, tabTo } from '../support/keyboard.js'
import type { Visitor } from './support/visitor.js'

const bank = useTestBank()

let users = 0

async function newUser() {
  users += 1
  const email = `live${users}@example.com`
  const visitor = bank().visitor()
  await visitor.register({ email, phone_number: `555 320 ${1000 + users}` })
  await bank().sandbox!.control.setDevice(bank().store.findUserByEmail(email)!.authyId!, true)
  return { visitor, email }
}

/** A tab recording its text changes, open at `path`, once the countdown has ticked 3 times. */
async function watchPage(browser: Browser, visitor: Visitor, path: string, countdown: string) {
  const { page, context } = await tabAs(browser, bank(), visitor)
  const changes = await recordTextChanges(page)
  await page.goto(`${bank().url}${path}`)
  await waitFor(() => ticks(changes, countdown) >= 3, '3 countdown ticks')
  return { page, context, changes }
}

const ticks = (changes: TextChange[], countdown: string) =>
  changes.filter((change) => change.element === countdown).length

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

/** A new user's pending transfer, open in a recording tab once its countdown has ticked. */
async function watchTransfer(browser: Browser) {
  const { visitor } = await newUser()
  const { transferId } = await visitor.sendTransfer()
  const watched = await watchPage(browser, visitor, `/transfers/${transferId}`, 'countdown-time')
  return { ...watched, uuid: transferById(bank(), transferId!)!.approvalUuid! }
}

/** Runs `body` with the sandbox's callbacks off (the bank hears only by polling) and no faults after. */
async function pollingOnly(body: () => Promise<void>) {
  const control = bank().sandbox!.control
  await control.setCallback(null)
  try {
    await body()
  } finally {
    await control.clearFaults()
    await control.setCallback(`${bank().url}/authy/callback`)
  }
}

const isFinal = (page: Page) => page.locator('#transfer').getAttribute('data-final')

describeWithBrowser('the transfer page, heard with a screen reader', (browser) => {
  it.each([
    ['approve', 'Money transfer approved. You approved this transfer on your phone. The money is on its way.'],
    ['deny', 'Money transfer denied. You denied this transfer on your phone. No money was moved.'],
    [
      'expire',
      'Money transfer expired. Nobody answered on the phone in time, so the request expired. No money was moved.',
    ],
  ] as const)(
    'announces the decision once when the phone answers "%s", never a countdown tick, and focuses the result',
    async (decision, heard) => {
      const { page, context, changes, uuid } = await watchTransfer(browser())
      expect(announcements(changes)).toEqual([])

      await bank().sandbox!.control[decision](uuid)
      await waitFor(() => announcements(changes).length > 0, 'the announcement')
      await expect.poll(() => isFinal(page)).toBe('true')
      expect(announcements(changes)).toEqual([heard])
      expect(await focusedId(page)).toBe('headline')
      await context.close()
    }
  )

  it('announces a provider problem once while the bank retries, then the approval once', async () => {
    await pollingOnly(async () => {
      const control = bank().sandbox!.control
      const { page, context, changes, uuid } = await watchTransfer(browser())
      const polls = async () => (await control.requests(STATUS_POLLS)).length
      const before = await polls()
      await control.addFault({ method: 'GET', path: STATUS_POLLS, status: 503, count: 4 })
      await expect.poll(() => page.locator('#problem').isVisible()).toBe(true)
      // Every failed poll rewrites the problem line ("Retrying in 1 s"): one announcement all the same.
      await waitFor(async () => (await polls()) >= before + 4, 'four failed polls')
      await expect.poll(() => page.locator('#problem').isVisible(), { timeout: 10_000 }).toBe(false)
      await control.approve(uuid)
      await expect.poll(() => isFinal(page)).toBe('true')
      const heard = announcements(changes)
      expect(heard).toHaveLength(2)
      expect(heard[0]).toMatch(/^Could not check the approval request: .* Retrying in \d+ s\.$/)
      expect(heard[1]).toMatch(/^Money transfer approved\. /)
      await context.close()
    })
  })

  it('announces a transfer Authy no longer knows as failed, once', async () => {
    await pollingOnly(async () => {
      const { page, context, changes } = await watchTransfer(browser())
      await bank().sandbox!.control.addFault({
        method: 'GET',
        path: STATUS_POLLS,
        status: 404,
        count: 1,
      })
      await expect.poll(() => isFinal(page)).toBe('true')
      const heard = announcements(changes)
      expect(heard).toHaveLength(1)
      expect(heard[0]).toMatch(/^Money transfer failed\. Authy no longer knows this approval request/)
      expect(await focusedId(page)).toBe('headline')
      await context.close()
    })
  })
})

describeWithBrowser('the sign-in waiting page, heard with a screen reader', (browser) => {
  async function waitingSignIn() {
    const user = await newUser()
    user.visitor.forgetCookies()
    expect((await user.visitor.signIn(user.email)).location).toBe('/login/wait')
    const watched = await watchPage(browser(), user.visitor, '/login/wait', 'sign-in-countdown-time')
    return { ...user, ...watched }
  }

  it('announces an approval once before moving on to the account', async () => {
    const { email, page, context, changes } = await waitingSignIn()
    await bank().sandbox!.control.approve(await pendingRequest(bank(), email, 'sign in'))
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe(
      'You are registered with Authy'
    )
    expect(announcements(changes)).toEqual([
      'Sign-in approved. Your phone approved it. Taking you to your account…',
    ])
    await context.close()
  })

  it.each([
    [
      'deny',
      'Sign-in denied. Your phone denied this sign-in. If it was you after all, sign in with a code instead.',
    ],
    [
      'expire',
      'The sign-in request expired. Nobody answered it in time. Sign in with a code instead, or start again.',
    ],
  ] as const)(
    'announces once when the phone answers "%s", shows the code form and focuses the result',
    async (decision, heard) => {
      const { email, page, context, changes } = await waitingSignIn()
      await bank().sandbox!.control[decision](await pendingRequest(bank(), email, 'sign in'))
      await expect.poll(() => page.getByRole('button', { name: 'Text me a code' }).count()).toBe(1)
      await waitFor(() => announcements(changes).length > 0, 'the announcement')
      expect(announcements(changes)).toEqual([heard])
      expect(await focusedId(page)).toBe('sign-in-headline')
      await context.close()
    }
  )

  it('announces a sign-in the app gave up on once (the app stopped while asking the phone)', async () => {
    const { email, page, context, changes } = await waitingSignIn()
    const user = bank().store.findUserByEmail(email)!
    const signIn = bank().store.signInsWithStatus('pending').find((s) => s.userId === user.id)!
    // What the app does at start-up for a sign-in it was sending when it stopped.
    await bank().store.endSignIn(signIn.id, {
      status: 'failed',
      problem: { message: 'The app stopped while asking your phone: sign in again.' },
    })
    await expect.poll(() => page.getByRole('button', { name: 'Text me a code' }).count()).toBe(1)
    await waitFor(() => announcements(changes).length > 0, 'the announcement')
    expect(announcements(changes)).toEqual([
      'The sign-in request could not be sent. The app stopped while asking your phone: sign in again.',
    ])
    expect(await focusedId(page)).toBe('sign-in-headline')
    await context.close()
  })
})

describeWithBrowser('the phone page, heard with a screen reader', (browser) => {
  it('says once that a request arrived, never a countdown tick, and keeps the focus where it was', async () => {
    const { visitor, email } = await newUser()
    const { page, context } = await tabAs(browser(), bank(), undefined, PHONE)
    const changes = await recordTextChanges(page)
    await page.goto(await phoneUrlOf(bank(), email))
    await visitor.sendTransfer({ recipient_email: 'first@example.com' })
    await expect.poll(() => page.locator('.request').count()).toBe(1)
    await tabTo(page, 'Approve')
    const timerTicks = () => changes.filter((change) => /^\d+:\d\d$/.test(change.text)).length
    await waitFor(() => timerTicks() >= 3, '3 ticks of the request’s countdown')

    await visitor.sendTransfer({ recipient_email: 'second@example.com' })
    await expect.poll(() => page.locator('.request').count()).toBe(2)
    expect(announcements(changes)).toEqual([
      'New approval request: 1 waiting.',
      'New approval request: 2 waiting.',
    ])
    // The swap of the live part kept the focus on the same button.
    expect(await focusedName(page)).toBe('Approve')
    expect(
      await page.evaluate(() => document.activeElement?.closest('.request')?.textContent ?? '')
    ).toContain('first@example.com')
    await context.close()
  })
})
