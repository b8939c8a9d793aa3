// Where a Twilio text goes: the phone's inbox, the same one Authy's codes go to, read through the
// control API and shown on the phone page.
import { afterEach, describe, expect, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { SANDBOX_FROM_NUMBER } from '../../shared/sandbox/index.js'
import { describeWithBrowser, screenshotPath } from '../support/browser.js'
import {
  nextPhone,
  registerUser,
  TEST_TWILIO,
  twilioClientOf,
  useSandbox,
  type TestSandbox,
} from './support.js'

const text = (t: TestSandbox, to: string, body: string) =>
  twilioClientOf(t).messages.create({ to, from: SANDBOX_FROM_NUMBER, body })

describe('a Twilio text in the phone inbox', () => {
  const t = useSandbox({ twilio: TEST_TWILIO })

  it('lands in the phone’s inbox next to Authy’s codes, with its sender and SID', async () => {
    const { id, phone } = await registerUser(t())
    await t().api('GET', `/protected/json/sms/${id}?force=true`)
    const sent = await text(t(), `+1${phone}`, 'You did it! Signup complete :)')

    const [twilioText, authyCode] = await t().control.messages(1, phone)
    expect(twilioText).toEqual({
      channel: 'sms',
      body: 'You did it! Signup complete :)',
      code: null,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      to: `+1${phone}`,
      from: SANDBOX_FROM_NUMBER,
      sid: sent.sid,
    })
    expect(authyCode).toMatchObject({ channel: 'sms', from: null, sid: null, to: `+1${phone}` })
    expect(authyCode!.code).toMatch(/^\d{7}$/)
  })

  it('keeps a text to a number no one registered, and shows it once someone does', async () => {
    const phone = nextPhone()
    const sent = await text(t(), `+1 ${phone}`, 'Before you joined')
    expect((await t().control.messages(1, phone))[0]).toMatchObject({ sid: sent.sid })
    expect((await twilioClientOf(t()).messages(sent.sid).fetch()).status).toBe('delivered')

    const { id } = await registerUser(t(), { phone })
    const page = await t().raw('GET', new URL((await t().control.user(id)).phone_url).pathname)
    expect(page.text).toContain('Before you joined')
  })

  it('lists every phone’s messages, newest first, without a phone in the query', async () => {
    const one = nextPhone()
    const two = nextPhone()
    const first = await text(t(), `+1${one}`, 'To one')
    const second = await text(t(), `+1${two}`, 'To two')
    const all = await t().control.allMessages()
    expect(all.slice(0, 2).map((m) => [m.sid, m.to])).toEqual([
      [second.sid, `+1${two}`],
      [first.sid, `+1${one}`],
    ])
    const raw = await t().api('GET', '/sandbox/messages')
    expect(raw.json.messages.length).toBe(all.length)
    // Half a phone is still a mistake, not "every phone".
    const half = await t().api('GET', '/sandbox/messages?country_code=1')
    expect(half.json).toMatchObject({ error_code: '60004' })
  })

  it('shows the sender on the phone page, as the page writes numbers', async () => {
    const { id, phone } = await registerUser(t())
    await text(t(), `+1${phone}`, 'Your transfer of $250 was sent')
    const { phone_url } = await t().control.user(id)
    const page = await t().raw('GET', new URL(phone_url).pathname)
    expect(page.text).toContain('Your transfer of $250 was sent')
    expect(page.text).toMatch(/SMS\s*from <span class="from">\+1 500-555-0006<\/span>/)
  })

  it('gives the account, its API key and its numbers at GET /sandbox/twilio', async () => {
    expect(await t().control.twilio()).toEqual({
      account_sid: TEST_TWILIO.accountSid,
      api_key_sid: expect.stringMatching(/^SK[0-9a-f]{32}$/),
      api_key_secret: expect.stringMatching(/^[0-9a-f]{32}$/),
      messaging_service_sid: expect.stringMatching(/^MG[0-9a-f]{32}$/),
      from_numbers: [SANDBOX_FROM_NUMBER],
    })
  })

  it('records the Twilio requests in the request log', async () => {
    await text(t(), `+1${nextPhone()}`, 'Logged')
    const [last] = await t().control.requests('/2010-04-01/*')
    expect(last).toMatchObject({ method: 'POST', status: 201 })
    expect(last!.user_agent).toMatch(/^twilio-node\//)
  })
})

describe('a sandbox without the twilio option', () => {
  const t = useSandbox()

  it('serves no Twilio API, and says so at GET /sandbox/twilio', async () => {
    expect(t().sandbox.twilioUrl).toBeUndefined()
    expect(t().sandbox.twilioPort).toBeUndefined()
    await expect(t().control.twilio()).rejects.toMatchObject({ status: 404 })
  })
})

describeWithBrowser('a Twilio text on the phone page in Chromium', (browser) => {
  const t = useSandbox({ twilio: TEST_TWILIO })
  const contexts: BrowserContext[] = []
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })

  it('appears while the page is open, with the body and the sender number', async () => {
    const { id, phone } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const context = await browser().newContext({ viewport: { width: 390, height: 844 } })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(phone_url)
    // The one message so far: the sandbox's "install the app" text, from no number.
    await page.locator('.msg').first().waitFor()
    expect(await page.locator('.msg .from').count()).toBe(0)

    await text(t(), `+1${phone}`, 'You did it! Signup complete :)')
    const message = page.locator('.msg', { hasText: 'You did it! Signup complete :)' })
    await message.waitFor({ timeout: 5000 })
    expect(await message.locator('.when').innerText()).toMatch(
      /^SMS from \+1 500-555-0006 · \w{3} \d{1,2}, \d{2}:\d{2} UTC$/
    )
    await page.screenshot({ path: screenshotPath('sandbox-phone-twilio-text'), fullPage: true })
  })
})
