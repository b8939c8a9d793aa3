// What an attendee's app asks about its own application: GET /room/app, PUT /room/app/callback,
// GET /room/users/{authy_id}/phone_url, over real HTTP with the application's key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lanAddress } from '../../shared/runtime/hosts.js'
import { verifyCallbackSignature } from '../../shared/authy/signature.js'
import { createRoomClient, RoomApiError } from '../../shared/sandbox/index.js'
import {
  createApproval,
  joinAs,
  nextPhone,
  registerUser,
  send,
  startReceiver,
  startTestSandbox,
  TEST_ROOM,
  useSandbox,
  type Receiver,
} from './support.js'

const JSON_TYPE = { 'content-type': 'application/json' }

describe('the room API of a joined application', () => {
  const t = useSandbox({ room: TEST_ROOM, callbackTimeoutMs: 2000 })
  const mine = (apiKey: string) => createRoomClient(t().sandbox.url).forApp(apiKey)
  let working: Receiver
  let failing: Receiver
  beforeAll(async () => {
    working = await startReceiver()
    failing = await startReceiver()
    failing.answer.status = 500
  })
  afterAll(async () => {
    await working.close()
    await failing.close()
  })

  it('shows the application its name and an unset callback at first', async () => {
    const ada = await joinAs(t(), 'Ada')
    expect(await mine(ada.api_key).app()).toEqual({
      app_name: "Ada's bank",
      callback: { url: null, method: 'POST', state: 'unset', failures: 0, last_error: null },
    })
  })

  it("sets the application's callback, which then gets its callbacks signed with its key", async () => {
    const ada = await joinAs(t(), 'Ada 2')
    const url = `${working.url}/authy/callback`
    const set = await mine(ada.api_key).setCallback(url)
    expect(set.callback).toMatchObject({ url, method: 'POST', state: 'working', failures: 0 })
    const { id } = await registerUser(ada.t)
    const uuid = await createApproval(ada.t, id, { message: 'Transfer $5' })
    const before = working.received.length
    await t().control.approve(uuid)
    const [callback] = (await working.waitFor(before + 1)).slice(before)
    const body = JSON.parse(callback!.body)
    expect(body).toMatchObject({ uuid, status: 'approved', authy_id: id })
    const signed = {
      nonce: callback!.headers['x-authy-signature-nonce'],
      method: 'POST',
      url,
      params: body,
      signature: callback!.headers['x-authy-signature'],
    }
    expect(verifyCallbackSignature({ ...signed, apiKey: ada.api_key })).toBe(true)
    expect(verifyCallbackSignature({ ...signed, apiKey: t().sandbox.apiKey })).toBe(false)
    expect((await t().control.app()).onetouch_callback_url).toBeNull()
  })

  it("disables one application's callback after 3 failures in a row, and shows it; the others keep theirs", async () => {
    const ada = await joinAs(t(), 'Ada 3')
    const bob = await joinAs(t(), 'Bob 3')
    await mine(ada.api_key).setCallback(`${failing.url}/authy/callback`)
    await mine(bob.api_key).setCallback(`${working.url}/authy/callback`, 'GET')
    const phone = nextPhone()
    const { id } = await registerUser(ada.t, { phone })
    await registerUser(bob.t, { phone })

    const states: string[] = []
    for (let i = 0; i < 3; i++) {
      await t().control.approve(await createApproval(ada.t, id, { message: `Transfer ${i}` }))
      states.push((await mine(ada.api_key).app()).callback.state)
    }
    expect(states).toEqual(['failing', 'failing', 'disabled'])
    expect((await mine(ada.api_key).app()).callback).toMatchObject({
      state: 'disabled',
      failures: 3,
      last_error: { message: 'HTTP 500', at: expect.any(String) },
    })
    const bobRequest = await createApproval(bob.t, id, { message: 'Transfer from Bob' })
    const attempt = await t()
      .raw('POST', `/sandbox/approval_requests/${bobRequest}/approve`, {
        headers: { 'x-authy-api-key': t().sandbox.apiKey },
      })
      .then((answer) => answer.json.callback)
    expect(attempt).toMatchObject({ ok: true, method: 'GET' })
    expect((await mine(bob.api_key).app()).callback).toMatchObject({ state: 'working' })
    const listed = await t().control.apps()
    expect(listed.find((app) => app.name === "Ada 3's bank")?.callback_state).toBe('disabled')

    const page = await send('GET', (await t().control.user(id)).phone_url)
    expect(page.text).toContain('Callbacks are switched off')
    expect(page.text).toContain(`Ada 3&#39;s bank: ${failing.url}/authy/callback failed 3 times`)

    const again = await mine(ada.api_key).setCallback(`${working.url}/authy/callback`)
    expect(again.callback).toMatchObject({ state: 'working', failures: 0, last_error: null })
  })

  it('clears the callback with null, and takes GET as its method', async () => {
    const ada = await joinAs(t(), 'Ada 4')
    await mine(ada.api_key).setCallback(`${working.url}/authy/callback`, 'GET')
    expect((await mine(ada.api_key).app()).callback.method).toBe('GET')
    const cleared = await mine(ada.api_key).setCallback(null)
    expect(cleared.callback).toMatchObject({ url: null, state: 'unset' })
  })

  it('names the field and the fix for a callback it cannot take', async () => {
    const ada = await joinAs(t(), 'Ada 5')
    const put = (body: string) =>
      send('PUT', `${t().sandbox.url}/room/app/callback`, {
        headers: { ...JSON_TYPE, 'x-authy-api-key': ada.api_key },
        body,
      })
    const cases: [string, string | undefined, RegExp][] = [
      ['{}', 'url', /url is required/],
      ['{"url": 42}', 'url', /url must be a string or null/],
      ['{"url": "javascript:alert(1)"}', 'url', /absolute http or https URL/],
      ['{"url": "ftp://192.168.1.23/cb"}', 'url', /absolute http or https URL/],
      ['{"url": "http://192.168.1.23:4100/authy/callback?x=1"}', 'url', /query string/],
      [`{"url": "http://h/${'a'.repeat(2000)}"}`, 'url', /at most 2000 characters/],
      ['{"url": null, "method": "PATCH"}', 'method', /"POST" or "GET"/],
      ['not json', undefined, /must be a JSON object/],
    ]
    for (const [body, field, message] of cases) {
      const answer = await put(body)
      expect(answer.status, body).toBe(400)
      expect(answer.json.field, body).toBe(field)
      expect(answer.json.message, body).toMatch(message)
    }
    expect((await mine(ada.api_key).app()).callback.state).toBe('unset')
  })

  it("gives the phone page link of a user the application registered, and 404 for anyone else's", async () => {
    const ada = await joinAs(t(), 'Ada 6')
    const bob = await joinAs(t(), 'Bob 6')
    const { id } = await registerUser(ada.t)
    const other = await registerUser(bob.t)
    const url = await mine(ada.api_key).phoneUrl(id)
    expect(url).toBe((await t().control.user(id)).phone_url)
    expect(url.startsWith(`${t().sandbox.publicUrl}/phone/`)).toBe(true)
    for (const authyId of [other.id, 99_999_999, 'abc']) {
      const error = await mine(ada.api_key)
        .phoneUrl(authyId)
        .catch((e: unknown) => e)
      expect(error, String(authyId)).toBeInstanceOf(RoomApiError)
      expect(error, String(authyId)).toMatchObject({
        status: 404,
        message: expect.stringContaining('register the phone'),
      })
    }
  })

  it("refuses any key but a joined application's, the sandbox's own included, with 401", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'x-authy-api-key': 'not-a-key' },
      { 'x-authy-api-key': t().sandbox.apiKey },
    ]) {
      for (const path of ['/room/app', '/room/users/100001/phone_url']) {
        const answer = await send('GET', `${t().sandbox.url}${path}`, { headers })
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(401)
        expect(answer.json.message).toContain('X-Authy-API-Key')
      }
    }
    const error = await mine('not-a-key')
      .setCallback(null)
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 401 })
  })
})

const lan = lanAddress()

describe('a callback URL set from another computer', () => {
  it.skipIf(!lan)(
    "is refused when it points at the sandbox's own computer (127.0.0.1, localhost), and taken from this computer",
    async () => {
      const t = await startTestSandbox({ host: '0.0.0.0', room: TEST_ROOM })
      try {
        // This machine's network address is what an attendee's laptop would come from.
        const fromTheRoom = `http://${lan}:${t.sandbox.port}`
        const ada = await joinAs(t, 'Ada')
        const put = (base: string, url: string) =>
          send('PUT', `${base}/room/app/callback`, {
            headers: { ...JSON_TYPE, 'x-authy-api-key': ada.api_key },
            body: JSON.stringify({ url }),
          })
        for (const url of [
          'http://127.0.0.1:4100/authy/callback',
          'http://localhost:4100/authy/callback',
          'http://[::1]:4100/authy/callback',
          'http://0.0.0.0:4100/authy/callback',
        ]) {
          const refused = await put(fromTheRoom, url)
          expect(refused.status, url).toBe(400)
          expect(refused.json.message, url).toMatch(/presenter's computer, not yours/)
        }
        const lanUrl = `http://${lan}:4100/authy/callback`
        expect((await put(fromTheRoom, lanUrl)).json.callback.url).toBe(lanUrl)
        const local = await put(t.sandbox.url, 'http://127.0.0.1:4100/authy/callback')
        expect(local.json.callback.state).toBe('working')
      } finally {
        await t.sandbox.close()
      }
    }
  )
})
