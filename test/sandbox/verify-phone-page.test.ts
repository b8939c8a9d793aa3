// The Verify Push phone page: what the device shows (pending challenges with every field and the
// time left, authenticator codes, the inbox) and its Approve and Deny, over HTTP and in Chromium.
import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { describeWithBrowser, PHONE_CONTEXT, screenshotPath } from '../support/browser.js'
import { nextPhone, send, useSandbox, type TestSandbox } from './support.js'
import { nextIdentity, TEST_VERIFY, verifyClientOf } from './verify-support.js'

const FIELDS = [
  { label: 'From', value: 'alice@example.com' },
  { label: 'To', value: 'bob@example.com' },
  { label: 'Account Number', value: '981266321' },
  { label: 'US Dollar Amount', value: '$250.00' },
]

/** A Service, a push factor on a fresh phone, and a way to send it challenges. */
async function phoneWithApp(t: TestSandbox) {
  const verify = verifyClientOf(t).verify.v2
  const service = await verify.services.create({ friendlyName: 'OneTouch Bank' })
  const identity = nextIdentity()
  const phone = nextPhone()
  const factor = await t.control.verify.addPushFactor(identity, {
    service_sid: service.sid,
    country_code: 1,
    phone_number: phone,
    email: 'alice@example.com',
  })
  const entity = verify.services(service.sid).entities(identity)
  const challenge = (message: string, hidden = { transferId: 'secret-hidden-7731' }) =>
    entity.challenges.create({
      factorSid: factor.sid,
      'details.message': message,
      'details.fields': FIELDS,
      hiddenDetails: hidden,
    })
  return { service, identity, phone, factor, entity, challenge }
}

describe('the Verify Push phone page over HTTP', () => {
  const t = useSandbox({ verify: TEST_VERIFY })

  it('shows a pending challenge’s message, every field and the time left, never its hidden details', async () => {
    const { factor, challenge } = await phoneWithApp(t())
    const made = await challenge('Transfer Money to bob@example.com')
    const html = await (await fetch(factor.phone_url)).text()
    expect(html).toContain(`data-sid="${made.sid}"`)
    expect(html).toContain('Transfer Money to bob@example.com')
    for (const { label, value } of FIELDS) {
      expect(html).toContain(`<dt>${label}</dt>`)
      expect(html).toContain(`<dd>${value}</dd>`)
    }
    expect(html).toMatch(/data-left-ms="\d+">(5:00|4:\d\d)<\/span> left/)
    expect(html).not.toContain('secret-hidden-7731')
    expect(html).not.toContain(TEST_VERIFY.authToken)
  })

  it('escapes what the app sent', async () => {
    const { factor, entity } = await phoneWithApp(t())
    await entity.challenges.create({
      factorSid: factor.sid,
      'details.message': '<script>alert(1)</script>',
      'details.fields': [{ label: '<b>To</b>', value: '"><img src=x>' }],
    })
    const html = await (await fetch(factor.phone_url)).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<img src=x>')
  })

  it('approves from its form (same origin), and refuses a form from elsewhere', async () => {
    const { factor, entity, challenge } = await phoneWithApp(t())
    const made = await challenge('Approve me')
    const path = `${new URL(factor.phone_url).pathname}/challenges/${made.sid}/approve`
    const elsewhere = await send('POST', `${t().sandbox.url}${path}`, {
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(elsewhere.status).toBe(403)
    expect((await entity.challenges(made.sid).fetch()).status).toBe('pending')
    const mine = await send('POST', `${t().sandbox.url}${path}`, {
      headers: { origin: t().sandbox.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(mine.status).toBe(303)
    expect(mine.headers.location).toBe(`${new URL(factor.phone_url).pathname}?done=approved`)
    expect((await entity.challenges(made.sid).fetch()).status).toBe('approved')
  })

  it('will not answer another phone’s challenge', async () => {
    const one = await phoneWithApp(t())
    const other = await phoneWithApp(t())
    const made = await other.challenge('Not yours')
    const path = `${new URL(one.factor.phone_url).pathname}/challenges/${made.sid}/approve`
    const answer = await send('POST', `${t().sandbox.url}${path}`, {
      headers: { origin: t().sandbox.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(answer.headers.location).toContain('done=gone')
    expect((await other.entity.challenges(made.sid).fetch()).status).toBe('pending')
  })

  it('shows the TOTP codes of its Entities, the Verify texts to the phone and the emails to its address', async () => {
    const { factor, entity, service, phone } = await phoneWithApp(t())
    const totp = await entity.newFactors.create({ friendlyName: 'Alice', factorType: 'totp' })
    const verify = verifyClientOf(t()).verify.v2.services(service.sid)
    await verify.verifications.create({ to: `+1${phone}`, channel: 'sms' })
    await verify.verifications.create({ to: 'alice@example.com', channel: 'email' })
    const html = await (await fetch(factor.phone_url)).text()
    const { code } = await t().control.verify.totp(totp.sid)
    const shown = /class="token">(\d+) (\d+)</.exec(html)
    expect(shown && shown[1]! + shown[2]!).toMatch(/^\d{6}$/)
    expect([code, (await t().control.verify.totp(totp.sid)).code]).toContain(shown![1]! + shown![2]!)
    const [sms] = await t().control.messages(1, phone)
    const [email] = await t().control.verify.emails('alice@example.com')
    expect(html).toContain(sms!.code!)
    expect(html).toContain(email!.code!)
  })

  it('answers an unknown link with 404', async () => {
    const answer = await fetch(`${t().sandbox.url}/phone/verify/not-a-real-token-at-all-0000000`)
    expect(answer.status).toBe(404)
    expect(await answer.text()).toContain('This phone link is not valid')
  })
})

describeWithBrowser('the Verify Push phone page in Chromium', (browser) => {
  const t = useSandbox({ verify: TEST_VERIFY })
  const contexts: BrowserContext[] = []

  async function openPhone(url: string) {
    const context = await browser().newContext(PHONE_CONTEXT)
    contexts.push(context)
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    await page.goto(url)
    return { page, problems }
  }
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })
  const card = (page: Page, sid: string) => page.locator(`article[data-sid="${sid}"]`)

  it('shows a challenge with every field and a countdown, and Approve approves it', async () => {
    const { factor, entity, challenge } = await phoneWithApp(t())
    const made = await challenge('Transfer Money to bob@example.com')
    const { page, problems } = await openPhone(factor.phone_url)
    const request = card(page, made.sid)
    const text = await request.innerText()
    for (const { label, value } of FIELDS) {
      expect(text).toContain(label)
      expect(text).toContain(value)
    }
    const countdown = request.locator('[data-left-ms]')
    const first = await countdown.innerText()
    await page.waitForFunction(
      ([selector, before]) => document.querySelector(selector)?.textContent !== before,
      [`article[data-sid="${made.sid}"] [data-left-ms]`, first] as const,
      { timeout: 5000 }
    )
    expect(await countdown.innerText()).toMatch(/^4:\d\d$/)
    await page.screenshot({ path: screenshotPath('verify-phone-pending'), fullPage: true })
    await request.getByRole('button', { name: 'Approve' }).tap()
    await page.waitForURL(/done=approved/)
    expect((await entity.challenges(made.sid).fetch()).status).toBe('approved')
    expect(await page.locator('.history').innerText()).toMatch(/approved/i)
    await page.screenshot({ path: screenshotPath('verify-phone-approved'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('shows a challenge sent while the page is open, without a reload, and Deny denies it', async () => {
    const { factor, entity, challenge } = await phoneWithApp(t())
    const { page, problems } = await openPhone(factor.phone_url)
    await page.locator('.empty', { hasText: 'Nothing to approve' }).waitFor()
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7))
    const made = await challenge('Request to sign in to OneTouch Bank')
    await card(page, made.sid).waitFor({ timeout: 5000 })
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7)
    await card(page, made.sid).getByRole('button', { name: 'Deny' }).tap()
    await page.waitForURL(/done=denied/)
    expect((await entity.challenges(made.sid).fetch()).status).toBe('denied')
    expect(problems).toEqual([])
  })

  it('shows the authenticator code with its seconds left', async () => {
    const { factor, entity } = await phoneWithApp(t())
    const totp = await entity.newFactors.create({ friendlyName: 'Alice', factorType: 'totp' })
    const { page } = await openPhone(factor.phone_url)
    const shown = (await page.locator(`[data-factor-sid="${totp.sid}"] .token`).innerText()).replace(/\s/g, '')
    const { code } = await t().control.verify.totp(totp.sid)
    expect([code, (await t().control.verify.totp(totp.sid)).code]).toContain(shown)
    expect(await page.locator(`[data-factor-sid="${totp.sid}"] .token-meta span`).innerText()).toMatch(/^\d{1,2} s$/)
    await page.screenshot({ path: screenshotPath('verify-phone-codes'), fullPage: true })
  })
})
