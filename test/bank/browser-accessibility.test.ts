// Every page of the bank, in each of its states, and the sandbox's phone page, checked in real
// Chromium by axe-core with the WCAG 2.2 AA rules: no serious or critical violation, and no
// contrast axe could not decide that measures too low.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser } from '../support/browser.js'
import { expectNoSeriousViolations } from '../support/axe.js'
import {
  SOLUTION_STEPS,
  STATUS_POLLS,
  startTestBank,
  stepFiles,
  transferById,
  useTestBank,
  waitFor,
  WORKSHOP_STEPS,
  type TestBank,
} from './support/bank-harness.js'
import { PHONE, pendingRequest, phoneUrlOf, tabAs } from './support/browser-pages.js'
import { PASSWORD, type Visitor } from './support/visitor.js'
import { FINAL_STATUSES } from '../../shared/model/transfer.js'

const bank = useTestBank()

let users = 0

/** A signed-up visitor with a phone of their own (the phone has no Authy app until `app`). */
async function newUser(on: TestBank = bank(), options: { app?: boolean } = {}) {
  users += 1
  const email = `axe${users}@example.com`
  const visitor = on.visitor()
  await visitor.register({ email, phone_number: `555 300 ${1000 + users}` })
  if (options.app) {
    await on.sandbox!.control.setDevice(on.store.findUserByEmail(email)!.authyId!, true)
  }
  return { visitor, email }
}

async function sendTransfer(visitor: Visitor, on: TestBank = bank()) {
  const { transferId } = await visitor.sendTransfer()
  return transferById(on, transferId!)!
}

describeWithBrowser('the bank’s pages, checked by axe in Chromium (WCAG 2.2 AA)', (browser) => {
  async function check(visitor: Visitor | undefined, path: string, label: string, on = bank()) {
    const { page, context } = await tabAs(browser(), on, visitor)
    await page.goto(`${on.url}${path}`)
    await expectNoSeriousViolations(page, label)
    await context.close()
  }

  it('the sign-up form, empty and with a message on each field', async () => {
    const { page, context } = await tabAs(browser(), bank(), undefined)
    await page.goto(bank().url)
    await expectNoSeriousViolations(page, 'bank: sign-up form')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(1)
    await expectNoSeriousViolations(page, 'bank: sign-up form with errors')
    await context.close()
  })

  it('the phone confirmation, waiting for the code and after a wrong one', async () => {
    const visitor = bank().visitor()
    const reply = await visitor.post('/register', {
      email: 'axe-verify@example.com',
      password: PASSWORD,
      country_code: '1',
      phone_number: '555 310 0001',
    })
    expect(reply.location).toBe('/verify')
    const { page, context } = await tabAs(browser(), bank(), visitor)
    await page.goto(`${bank().url}/verify`)
    await expectNoSeriousViolations(page, 'bank: phone verify')
    await page.getByLabel('Code').fill('0000000')
    await page.getByRole('button', { name: 'Confirm my phone' }).click()
    await expect.poll(() => page.locator('#code-error').count()).toBe(1)
    await expectNoSeriousViolations(page, 'bank: phone verify with a wrong code')
    await context.close()
  })

  it('the account page', async () => {
    const { visitor } = await newUser()
    await check(visitor, '/account', 'bank: account')
  })

  it('the transfer form, empty and with a message on each field', async () => {
    const { visitor } = await newUser()
    await sendTransfer(visitor)
    const { page, context } = await tabAs(browser(), bank(), visitor)
    await page.goto(`${bank().url}/transfers/new`)
    await expectNoSeriousViolations(page, 'bank: transfer form')
    await page.getByRole('button', { name: 'Send for approval' }).click()
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(1)
    await expectNoSeriousViolations(page, 'bank: transfer form with errors')
    await context.close()
  })

  it('the transfer page while it waits, and once approved, denied or expired', async () => {
    const { visitor } = await newUser()
    const control = bank().sandbox!.control
    const pending = await sendTransfer(visitor)
    await check(visitor, `/transfers/${pending.id}`, 'bank: transfer pending')
    for (const [decide, status] of [
      [control.approve, 'approved'],
      [control.deny, 'denied'],
      [control.expire, 'expired'],
    ] as const) {
      const transfer = status === 'approved' ? pending : await sendTransfer(visitor)
      await decide(transfer.approvalUuid!)
      await waitFor(() => transferById(bank(), transfer.id)?.status === status, status)
      await check(visitor, `/transfers/${transfer.id}`, `bank: transfer ${status}`)
    }
  })

  it('the transfer page with a provider problem, while retrying and once failed', async () => {
    const { visitor } = await newUser()
    const control = bank().sandbox!.control
    await control.addFault({ method: 'GET', path: STATUS_POLLS, status: 503, count: 1000 })
    try {
      const retrying = await sendTransfer(visitor)
      await waitFor(() => transferById(bank(), retrying.id)?.problem, 'the problem line')
      await check(visitor, `/transfers/${retrying.id}`, 'bank: transfer pending with a problem')
    } finally {
      await control.clearFaults()
    }
    await control.addFault({
      method: 'POST',
      path: '/onetouch/json/users/*/approval_requests',
      status: 500,
      count: 1,
    })
    const failed = await sendTransfer(visitor)
    expect(failed.status).toBe('failed')
    await check(visitor, `/transfers/${failed.id}`, 'bank: transfer failed')
  })

  it('the sign-in form, empty and after a wrong password', async () => {
    const { page, context } = await tabAs(browser(), bank(), undefined)
    await page.goto(`${bank().url}/login`)
    await expectNoSeriousViolations(page, 'bank: sign-in form')
    await page.getByLabel('Email').fill('nobody@example.com')
    await page.getByLabel('Password').fill('wrong password here')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.locator('.form-error').count()).toBe(1)
    await expectNoSeriousViolations(page, 'bank: sign-in form with an error')
    await context.close()
  })

  it('the sign-in waiting page, and its fallback after a denial, an expiry, no app or a failure', async () => {
    const control = bank().sandbox!.control
    const signIn = async (options: { app: boolean }) => {
      const user = await newUser(bank(), options)
      user.visitor.forgetCookies()
      expect((await user.visitor.signIn(user.email)).location).toBe('/login/wait')
      return user
    }

    const waiting = await signIn({ app: true })
    const { page, context } = await tabAs(browser(), bank(), waiting.visitor)
    await page.goto(`${bank().url}/login/wait`)
    await expectNoSeriousViolations(page, 'bank: sign-in waiting')
    await page.getByText('Cannot approve it? Sign in with a code instead').click()
    await expectNoSeriousViolations(page, 'bank: sign-in waiting with the code form open')
    await control.deny(await pendingRequest(bank(), waiting.email, 'sign in'))
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign-in denied')
    await expectNoSeriousViolations(page, 'bank: sign-in denied (fallback)')
    await page.getByLabel('Code', { exact: true }).fill('0000000')
    await page.getByRole('button', { name: 'Sign in with this code' }).click()
    await expect.poll(() => page.locator('#token-error').count()).toBe(1)
    await expectNoSeriousViolations(page, 'bank: sign-in fallback with a wrong code')
    await context.close()

    const expiring = await signIn({ app: true })
    await control.expire(await pendingRequest(bank(), expiring.email, 'sign in'))
    await check(expiring.visitor, '/login/wait', 'bank: sign-in expired (fallback)')

    const noApp = await signIn({ app: false })
    await check(noApp.visitor, '/login/wait', 'bank: sign-in with no app (fallback)')

    const approved = await signIn({ app: true })
    await control.approve(await pendingRequest(bank(), approved.email, 'sign in'))
    // Its script moves on to the account at once: without it, the page shows the approval.
    const still = await tabAs(browser(), bank(), approved.visitor)
    await still.page.route('**/assets/sign-in-status.js', (route) => route.abort())
    await still.page.goto(`${bank().url}/login/wait`)
    await expect.poll(() => still.page.locator('h1').textContent()).toBe('Sign-in approved')
    await expectNoSeriousViolations(still.page, 'bank: sign-in approved (as rendered)')
    await still.context.close()

    const failing = await newUser(bank(), { app: true })
    failing.visitor.forgetCookies()
    await control.addFault({
      method: 'POST',
      path: '/onetouch/json/users/*/approval_requests',
      status: 500,
      count: 1,
    })
    await failing.visitor.signIn(failing.email)
    await check(failing.visitor, '/login/wait', 'bank: sign-in failed (fallback)')
  })

  it('every status badge and both apps’ labels, in colours of 4.5:1 at least', async () => {
    const { visitor } = await newUser()
    const { page, context } = await tabAs(browser(), bank(), visitor)
    await page.goto(`${bank().url}/transfers/new`)
    // The stylesheet's badge for each status, in the list and beside a headline, and the label
    // of each app in the header, whichever this bank shows.
    await page.evaluate((statuses) => {
      const badges = statuses.map((status) => `<span class="badge badge-${status}">${status}</span>`)
      const items = badges.map((badge) => `<li><a href="#">${badge}</a></li>`).join('')
      document
        .querySelector('main')!
        .insertAdjacentHTML(
          'beforeend',
          `<ul class="transfer-list">${items}</ul><div class="status-line">${badges.join('')}</div>`
        )
      document
        .querySelector('.topbar-inner')!
        .insertAdjacentHTML(
          'beforeend',
          '<span class="variant variant-solution">solution</span>' +
            '<span class="variant variant-workshop">workshop</span>'
        )
    }, ['sending', 'pending', ...FINAL_STATUSES])
    await expectNoSeriousViolations(page, 'bank: every badge and label')
    await context.close()
  })

  it('the error pages: a page or a transfer not found', async () => {
    const { visitor } = await newUser()
    await check(undefined, '/no-such-page', 'bank: page not found')
    await check(visitor, '/transfers/no-such-transfer', 'bank: transfer not found')
  })

  it('the workshop’s step pages: a step not written yet, a step that threw, a transfer held up', async () => {
    const workshop = await startTestBank({
      variant: 'workshop',
      rootDir: stepFiles({ 2: 'workshop', 3: 'workshop', 4: 'solution' }),
      steps: {
        ...SOLUTION_STEPS,
        sendApprovalRequest: WORKSHOP_STEPS.sendApprovalRequest,
        waitForApproval: WORKSHOP_STEPS.waitForApproval,
      },
    })
    const { visitor } = await newUser(workshop)
    const { page, context } = await tabAs(browser(), workshop, visitor)
    await submitTransfer(page, workshop)
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Step 2 is not done yet/)
    await expectNoSeriousViolations(page, 'bank: step missing')
    await context.close()

    const throwing = await startTestBank({
      variant: 'workshop',
      rootDir: stepFiles({ 3: 'workshop', 4: 'solution' }),
      steps: {
        ...SOLUTION_STEPS,
        sendApprovalRequest: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'id')")
        },
        waitForApproval: WORKSHOP_STEPS.waitForApproval,
      },
    })
    const thrower = await newUser(throwing)
    const tab = await tabAs(browser(), throwing, thrower.visitor)
    await submitTransfer(tab.page, throwing)
    await expect.poll(() => tab.page.locator('h1').textContent()).toBe('Step 2 threw an error')
    await expectNoSeriousViolations(tab.page, 'bank: step failed')
    await tab.context.close()

    const held = await startTestBank({
      variant: 'workshop',
      rootDir: stepFiles({ 3: 'workshop', 4: 'solution' }),
      steps: { ...SOLUTION_STEPS, waitForApproval: WORKSHOP_STEPS.waitForApproval },
    })
    const holder = await newUser(held)
    const transfer = await sendTransfer(holder.visitor, held)
    await waitFor(() => transferById(held, transfer.id)?.problem?.missingStep === 3, 'step 3')
    await check(holder.visitor, `/transfers/${transfer.id}`, 'bank: transfer held up by step 3', held)
  })
})

async function submitTransfer(page: Page, on: TestBank) {
  await page.goto(`${on.url}/transfers/new`)
  await page.getByLabel('Recipient email').fill('bob@example.com')
  await page.getByLabel('Account number').fill('12345678')
  await page.getByLabel('Amount (US dollars)').fill('10.50')
  await page.getByRole('button', { name: 'Send for approval' }).click()
}

describeWithBrowser('the sandbox’s phone page, checked by axe in Chromium (WCAG 2.2 AA)', (browser) => {
  it('when first opened, with a request pending, after a decision, with its inbox and app token', async () => {
    const { visitor, email } = await newUser()
    const { page, context } = await tabAs(browser(), bank(), undefined, PHONE)
    await page.goto(await phoneUrlOf(bank(), email))
    await expect.poll(() => page.locator('.token').count()).toBe(1)
    expect(await page.locator('.msg').count()).toBeGreaterThan(0)
    await expectNoSeriousViolations(page, 'phone: first opened, inbox and token')

    await sendTransfer(visitor)
    await expect.poll(() => page.getByRole('button', { name: 'Approve' }).count()).toBe(1)
    await expectNoSeriousViolations(page, 'phone: a request pending')
    await page.getByRole('button', { name: 'Approve' }).click()
    await expect.poll(() => page.locator('.flash').textContent()).toBe('You approved the request.')
    await expectNoSeriousViolations(page, 'phone: after a decision')
    await context.close()
  })

  it('shows every answer’s badge and its labels in colours of 4.5:1 at least', async () => {
    const { visitor, email } = await newUser()
    const { page, context } = await tabAs(browser(), bank(), undefined, PHONE)
    await page.goto(await phoneUrlOf(bank(), email))
    await sendTransfer(visitor)
    await expect.poll(() => page.locator('h2 .count').count()).toBe(1)
    // Badges of each answer as the recent answers list shows them, whichever this phone has.
    await page.evaluate(() => {
      const list = document.createElement('ul')
      list.className = 'card list history'
      for (const status of ['approved', 'denied', 'expired']) {
        list.insertAdjacentHTML('beforeend', `<li><span class="badge ${status}">${status}</span></li>`)
      }
      document.querySelector('.content')!.append(list)
    })
    await expectNoSeriousViolations(page, 'phone: every badge and label')
    await context.close()
  })

  it('for an unknown phone link', async () => {
    const { page, context } = await tabAs(browser(), bank(), undefined, PHONE)
    await page.goto(`${bank().sandbox!.url}/phone/no-such-phone`)
    await expectNoSeriousViolations(page, 'phone: unknown link')
    await context.close()
  })
})
