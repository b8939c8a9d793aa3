// A phone in a room: its page shows the approval requests of every application that sent it one,
// each labelled with the application's name, and nothing of any other phone.
import { afterEach, describe, expect, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { describeWithBrowser } from '../support/browser.js'
import {
  createApproval,
  registerUser,
  send,
  TEST_ROOM,
  twoAppsOnOnePhone,
  useSandbox,
} from './support.js'

/** The application label of each request card on a page, by uuid. */
function labels(html: string): Record<string, string> {
  const cards = html.matchAll(/data-uuid="([^"]+)"><div class="top"><span class="app">([^<]*)</g)
  return Object.fromEntries([...cards].map(([, uuid, label]) => [uuid!, label!]))
}

describe('a phone page in a room', () => {
  const t = useSandbox({ room: TEST_ROOM })

  it("shows every application's requests to this phone, labelled, and no other phone's", async () => {
    const { ada, bob, id } = await twoAppsOnOnePhone(t(), ['Ada', 'Bob <b>'])
    const other = await registerUser(bob.t)
    const fromAda = await createApproval(ada.t, id, { message: 'Transfer $1 to Carol' })
    const fromBob = await createApproval(bob.t, id, { message: 'Sign in to Bob’s bank' })
    const elsewhere = await createApproval(bob.t, other.id, { message: 'Transfer $999 to Eve' })

    const { phone_url } = await t().control.user(id)
    for (const url of [phone_url, `${phone_url}/live`]) {
      const page = await send('GET', url)
      expect(labels(page.text), url).toEqual({
        [fromAda]: 'Ada&#39;s bank',
        [fromBob]: 'Bob &lt;b&gt;&#39;s bank',
      })
      expect(page.text, url).not.toContain(elsewhere)
      expect(page.text, url).not.toContain('Transfer $999 to Eve')
    }
    const otherPage = await send('GET', (await t().control.user(other.id)).phone_url)
    expect(Object.keys(labels(otherPage.text))).toEqual([elsewhere])
    expect(otherPage.text).not.toContain('Carol')
  })

  it('names the applications of the phone while nothing waits', async () => {
    const { id } = await twoAppsOnOnePhone(t(), ['Ada 2', 'Bob 2'])
    const page = await send('GET', (await t().control.user(id)).phone_url)
    expect(page.text).toContain(
      'New requests from Ada 2&#39;s bank and Bob 2&#39;s bank appear here by themselves.'
    )
  })
})

describeWithBrowser('a phone page in a room, in Chromium', (browser) => {
  const t = useSandbox({ room: TEST_ROOM })
  const contexts: BrowserContext[] = []
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })

  it("approves one application's request, and only that application reads it approved", async () => {
    const { ada, bob, id } = await twoAppsOnOnePhone(
      t(), ['Ada', '<img src=x onerror="document.title=1">']
    )
    const fromAda = await createApproval(ada.t, id, { message: 'Transfer $1 to Carol' })
    const fromBob = await createApproval(bob.t, id, { message: 'Transfer $2 to Dan' })

    const context = await browser().newContext()
    contexts.push(context)
    const page = await context.newPage()
    await page.goto((await t().control.user(id)).phone_url)
    const card = (uuid: string) => page.locator(`article[data-uuid="${uuid}"]`)
    expect(await card(fromAda).locator('.app').innerText()).toBe("Ada's bank")
    expect(await card(fromBob).locator('.app').innerText()).toBe(
      '<img src=x onerror="document.title=1">\'s bank'
    )
    expect(await page.title()).not.toBe('1')

    await card(fromAda).getByRole('button', { name: 'Approve' }).click()
    await card(fromAda).waitFor({ state: 'detached' })
    expect(await page.locator('.history').innerText()).toMatch(
      /Transfer \$1 to Carol\s+Ada's bank · .*\s+approved/i
    )
    const status = (key: typeof ada.t, uuid: string) =>
      key.api('GET', `/onetouch/json/approval_requests/${uuid}`)
    expect((await status(ada.t, fromAda)).json.approval_request.status).toBe('approved')
    expect((await status(bob.t, fromAda)).status).toBe(404)
    expect((await status(bob.t, fromBob)).json.approval_request.status).toBe('pending')
  })
})
