import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, expect, it } from 'vitest'
import { describeWithBrowser, pageProblems, screenshotPath } from '../support/browser.js'
import { createApproval, registerUser, startTestSandbox, useSandbox } from './support.js'

const TRANSFER = {
  From: 'alice@example.com',
  To: 'bob@example.com',
  'Account Number': '981266321',
  'US Dollar Amount': '$ 250',
}

describeWithBrowser('the sandbox phone page in Chromium', (browser) => {
  const t = useSandbox()
  const contexts: BrowserContext[] = []

  async function openPhone(url: string, options: { javaScriptEnabled?: boolean } = {}) {
    const context = await browser().newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      ...options,
    })
    contexts.push(context)
    const page = await context.newPage()
    const problems = pageProblems(page)
    await page.goto(url)
    return { page, problems }
  }

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })

  const card = (page: Page, uuid: string) => page.locator(`article[data-uuid="${uuid}"]`)

  it('shows a pending transfer with every detail and the time left, and Approve makes it approved', async () => {
    const { id } = await registerUser(t(), { email: 'alice@example.com' })
    const { phone_url } = await t().control.user(id)
    const uuid = await createApproval(t(), id, {
      message: 'Transfer Money to bob@example.com',
      details: TRANSFER,
      hidden_details: { internal_ref: 'never-shown-7731' },
      seconds_to_expire: 600,
    })
    const { page, problems } = await openPhone(phone_url)
    const request = card(page, uuid)
    await request.waitFor()
    const text = await request.innerText()
    expect(text).toContain('Transfer Money to bob@example.com')
    for (const [name, value] of Object.entries(TRANSFER)) {
      expect(text).toContain(name)
      expect(text).toContain(value)
    }
    expect(text).toMatch(/(10:00|9:\d\d) left/)
    expect(await page.content()).not.toContain('never-shown-7731')
    expect(await page.content()).not.toContain(t().sandbox.apiKey)
    const countdown = request.locator('[data-left-ms]')
    const first = await countdown.innerText()
    await page.waitForFunction(
      ([selector, before]) => document.querySelector(selector)?.textContent !== before,
      [`article[data-uuid="${uuid}"] [data-left-ms]`, first] as const,
      { timeout: 5000 }
    )
    expect(await countdown.innerText()).toMatch(/^9:\d\d$/)
    await page.screenshot({ path: screenshotPath('sandbox-phone-pending'), fullPage: true })

    const post = page.waitForRequest((r) => r.method() === 'POST')
    await request.getByRole('button', { name: 'Approve' }).tap()
    // A real phone on Wi-Fi gets no Sec-Fetch-Site over http: the Origin header must be real.
    expect((await post).headers().origin).toBe(t().sandbox.url)
    await page.waitForURL(/done=approved/)
    const status = await t().api('GET', `/onetouch/json/approval_requests/${uuid}`)
    expect(status.json.approval_request.status).toBe('approved')
    expect(await page.locator('.flash').innerText()).toContain('approved')
    expect(await card(page, uuid).count()).toBe(0)
    await page.screenshot({ path: screenshotPath('sandbox-phone-approved'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('shows a request created while the page is open, without a reload', async () => {
    const { id } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const { page, problems } = await openPhone(phone_url)
    await page.locator('.empty', { hasText: 'Nothing to approve' }).waitFor()
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42))
    const uuid = await createApproval(t(), id, {
      message: 'Log in from Lisbon',
      details: { Location: 'Lisbon' },
    })
    await card(page, uuid).waitFor({ timeout: 5000 })
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42)
    expect(await card(page, uuid).innerText()).toContain('Lisbon')
    await page.screenshot({ path: screenshotPath('sandbox-phone-live'), fullPage: true })

    await t().control.deny(uuid)
    await card(page, uuid).waitFor({ state: 'detached', timeout: 5000 })
    expect(await page.locator('.history').innerText()).toMatch(
      /Log in from Lisbon\s+[\s\S]*denied/i
    )
    expect(problems).toEqual([])
  })

  it('shows the app token with its seconds left and the SMS inbox, updating live', async () => {
    const { id, phone } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const { page } = await openPhone(phone_url)
    const { token } = await t().control.totp(id)
    const shown = (await page.locator('.token').innerText()).replace(/\s/g, '')
    expect([token, (await t().control.totp(id)).token]).toContain(shown)
    expect(await page.locator('.token-meta span').innerText()).toMatch(/^\d{1,2} s$/)

    await t().api('GET', `/protected/json/sms/${id}?force=true`)
    const [sms] = await t().control.messages(1, phone)
    await page.locator('.msg .code', { hasText: sms.code! }).waitFor({ timeout: 5000 })
    await page.screenshot({ path: screenshotPath('sandbox-phone-inbox'), fullPage: true })
  })

  it('installs the Authy app when the page is first opened, and shows the request that waited for it', async () => {
    const { id } = await registerUser(t())
    const { phone_url, registered } = await t().control.user(id)
    expect(registered).toBe(false)
    const uuid = await createApproval(t(), id, { message: 'Sent before the app was installed' })
    const { page, problems } = await openPhone(phone_url)
    expect(await page.locator('.flash').innerText()).toBe(
      'Opening this page installed the Authy app on this phone.'
    )
    expect(await card(page, uuid).innerText()).toContain('Sent before the app was installed')
    const { token } = await t().control.totp(id)
    expect((await page.locator('.token').innerText()).replace(/\s/g, '')).toMatch(/^\d{7}$/)
    expect(token).toMatch(/^\d{7}$/)
    expect((await t().control.user(id)).registered).toBe(true)
    await page.reload()
    expect(await page.locator('.flash').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('does not install the app on a phone whose app the control API took away', async () => {
    const { id } = await registerUser(t())
    const { phone_url } = await t().control.setDevice(id, false)
    const { page } = await openPhone(phone_url)
    await page.locator('.empty', { hasText: 'Authy app not registered' }).waitFor()
    expect((await t().control.user(id)).registered).toBe(false)
  })

  it('never shows "0 s" on the token countdown: at the end of a period it shows the next one', async () => {
    // The page's clock and the sandbox's move together, by hand: the countdown crosses the end of
    // a period whatever the real time is (the page refreshes from the sandbox now and then).
    let now = Date.parse('2026-05-01T10:00:03.000Z')
    const sandbox = await startTestSandbox({ now: () => now })
    try {
      const { id } = await registerUser(sandbox)
      const { phone_url } = await sandbox.control.user(id)
      const context = await browser().newContext()
      contexts.push(context)
      const page = await context.newPage()
      await page.clock.install({ time: now })
      await page.goto(phone_url)
      await page.evaluate(() => {
        const seen: string[] = []
        const live = document.getElementById('live')!
        const record = () => seen.push(live.querySelector('.token-meta span')?.textContent ?? '')
        record()
        new MutationObserver(record).observe(live, {
          childList: true,
          characterData: true,
          subtree: true,
        })
        ;(window as unknown as { seen: string[] }).seen = seen
      })
      for (let step = 0; step < 50; step++) {
        now += 500
        await page.clock.runFor(500)
      }
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen)
      expect(seen.filter((text) => !/^([1-9]|1\d|20) s$/.test(text))).toEqual([])
      expect(seen).toContain('20 s')
    } finally {
      await sandbox.sandbox.close()
    }
  })

  it('offers no QR code on a sandbox that only this computer can reach, and says how to open it to the Wi-Fi', async () => {
    const { id } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const { page } = await openPhone(phone_url)
    expect(await page.locator('.share img').count()).toBe(0)
    const text = await page.locator('.share').innerText()
    expect(text).toContain('only on this computer')
    expect(text).toContain('SANDBOX_HOST=0.0.0.0')
    expect(text).toContain('npm run workshop')
    expect(text).not.toContain('Scan')
  })

  it('still approves and denies without JavaScript (POST and redirect)', async () => {
    const { id } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const uuid = await createApproval(t(), id, { message: 'No script needed' })
    const { page } = await openPhone(phone_url, { javaScriptEnabled: false })
    await card(page, uuid).getByRole('button', { name: 'Deny' }).click()
    await page.waitForURL(/done=denied/)
    expect((await t().control.approvalRequest(uuid)).status).toBe('denied')
  })

  it('escapes what the bank sent and says so when a request is no longer pending', async () => {
    const { id } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const uuid = await createApproval(t(), id, {
      message: '<img src=x onerror="document.title=\'pwned\'">',
      details: { '<b>Key</b>': '<script>document.title="pwned"</script>' },
    })
    const { page } = await openPhone(phone_url, { javaScriptEnabled: false })
    const text = await card(page, uuid).innerText()
    expect(text).toContain('<img src=x onerror=')
    expect(text).toContain('<script>document.title="pwned"</script>')
    expect(await page.title()).not.toBe('pwned')
    await t().control.expire(uuid)
    await card(page, uuid).getByRole('button', { name: 'Approve' }).click()
    await page.waitForURL(/done=too-late/)
    expect((await t().control.approvalRequest(uuid)).status).toBe('expired')
  })

  it('shows the disabled-callback banner and serves its own QR code at qr.svg', async () => {
    const { id } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const response = await t().raw('GET', `${new URL(phone_url).pathname}/qr.svg`)
    expect(response.headers['content-type']).toContain('image/svg+xml')
    expect(response.text).toMatch(/^<svg/)

    await t().control.setCallback('http://127.0.0.1:9/unreachable', 'POST')
    for (let i = 0; i < 3; i++)
      await t().control.approve(await createApproval(t(), id, { message: `Try ${i}` }))
    await createApproval(t(), id, { message: 'Transfer with callbacks off', details: TRANSFER })
    const { page } = await openPhone(phone_url)
    expect(await page.locator('.banner').innerText()).toContain('http://127.0.0.1:9/unreachable')
    await page.screenshot({ path: screenshotPath('sandbox-phone-callbacks-off'), fullPage: true })
    await t().control.setCallback(null)
  })
})

describeWithBrowser('the sandbox phone page in Chromium, as the room sees it', (browser) => {
  // A phone link on the Wi-Fi (as with SANDBOX_HOST=0.0.0.0), and a clock at 00:37 UTC.
  const JAN_1_0037 = Date.UTC(2026, 0, 1, 0, 37, 12)
  const startedAt = Date.now()
  const t = useSandbox({
    publicUrl: 'http://192.0.2.10:4200',
    now: () => JAN_1_0037 + (Date.now() - startedAt),
  })

  it('offers the QR code of a link a phone on the Wi-Fi can open', async () => {
    const { id } = await registerUser(t())
    const { phone_url } = await t().control.user(id)
    const context = await browser().newContext()
    const page = await context.newPage()
    try {
      await page.goto(`${t().sandbox.url}${new URL(phone_url).pathname}`)
      const qr = page.locator('.share img')
      await expect
        .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true)
      expect(await page.locator('.share').innerText()).toContain(phone_url)
    } finally {
      await context.close()
    }
  })

  it('writes times as the bank does, 24-hour UTC: a message and an answer at 00:37 show 00:37 UTC', async () => {
    const { id } = await registerUser(t())
    await t().api('GET', `/protected/json/sms/${id}`)
    await t().control.deny(await createApproval(t(), id, { message: 'Just after midnight' }))
    const { phone_url } = await t().control.user(id)
    const context = await browser().newContext({ timezoneId: 'America/New_York', locale: 'en-US' })
    const page = await context.newPage()
    try {
      await page.goto(`${t().sandbox.url}${new URL(phone_url).pathname}`)
      await page.waitForLoadState('networkidle')
      const times = await page.locator('time').allInnerTexts()
      expect(times.length).toBeGreaterThanOrEqual(2)
      for (const time of times) expect(time).toBe('Jan 1, 00:37 UTC')
      expect(await page.locator('#live').innerText()).not.toMatch(/12:37|24:37|19:37|AM|PM/)
    } finally {
      await context.close()
    }
  })
})
