// Many applications in one sandbox: what belongs to the phone (the Authy id, the inbox) is shared,
// what belongs to an application (requests, stats, details, callbacks, tokens) is its own.
import { describe, expect, it } from 'vitest'
import {
  createApproval,
  joinAs,
  nextPhone,
  registerUser,
  TEST_ROOM,
  TEST_TWILIO,
  twoAppsOnOnePhone,
  useSandbox,
} from './support.js'

const JSON_TYPE = { 'content-type': 'application/json' }

describe('applications in one sandbox', () => {
  const t = useSandbox({ room: TEST_ROOM, twilio: TEST_TWILIO })

  it('give the same phone the same Authy id, whichever application registers it', async () => {
    const ada = await joinAs(t(), 'Ada 1')
    const bob = await joinAs(t(), 'Bob 1')
    const phone = nextPhone()
    const first = await registerUser(ada.t, { phone, email: 'one@example.com' })
    const second = await registerUser(bob.t, { phone, email: 'two@example.com' })
    const own = await registerUser(t(), { phone, email: 'three@example.com' })
    expect(second.id).toBe(first.id)
    expect(own.id).toBe(first.id)
    expect((await t().control.user(first.id)).emails).toEqual([
      'one@example.com',
      'two@example.com',
      'three@example.com',
    ])
  })

  it("read another application's approval request as not found, byte for byte as an unknown uuid", async () => {
    const { ada, bob, id } = await twoAppsOnOnePhone(t(), ['Ada 2', 'Bob 2'])
    const uuid = await createApproval(ada.t, id, { message: 'Transfer $10 to Carol' })

    const mine = await ada.t.api('GET', `/onetouch/json/approval_requests/${uuid}`)
    expect(mine.json.approval_request).toMatchObject({
      status: 'pending',
      _app_name: "Ada 2's bank",
    })
    const theirs = await bob.t.api('GET', `/onetouch/json/approval_requests/${uuid}`)
    const own = await t().api('GET', `/onetouch/json/approval_requests/${uuid}`)
    const unknown = uuid.replace(/^.{8}/, '00000000')
    const nobody = await bob.t.api('GET', `/onetouch/json/approval_requests/${unknown}`)
    for (const answer of [theirs, own]) {
      expect(answer.status).toBe(404)
      expect(answer.json).toMatchObject({ error_code: '60049', errors: {} })
      expect(answer.text).toBe(nobody.text.replaceAll(unknown, uuid))
    }
  })

  it('reach only the users they registered: another id is an unknown user', async () => {
    const ada = await joinAs(t(), 'Ada 3')
    const bob = await joinAs(t(), 'Bob 3')
    const { id } = await registerUser(ada.t)
    const paths: [string, string][] = [
      ['GET', `/protected/json/users/${id}/status`],
      ['POST', `/onetouch/json/users/${id}/approval_requests?message=Hi`],
      ['GET', `/protected/json/sms/${id}?force=true`],
      ['POST', `/protected/json/users/${id}/delete`],
    ]
    for (const [method, path] of paths) {
      const answer = await bob.t.api(method, path)
      expect(answer.status, `${method} ${path}`).toBe(404)
      expect(answer.json.error_code, `${method} ${path}`).toBe('60026')
    }
    expect((await bob.t.api('GET', `/protected/json/verify/1234567/${id}`)).json.error_code).toBe(
      '60016'
    )
    expect((await ada.t.api('GET', `/protected/json/users/${id}/status`)).status).toBe(200)
    expect((await t().control.user(id)).authy_id).toBe(id)
  })

  it('each show their own name, key and counters in app details and stats', async () => {
    const ada = await joinAs(t(), 'Ada Lovelace')
    const bob = await joinAs(t(), 'Bob 4')
    for (let i = 0; i < 3; i++) await ada.t.api('GET', '/protected/json/app/details')
    await registerUser(ada.t)
    await registerUser(ada.t)

    const details = await ada.t.api('GET', '/protected/json/app/details')
    expect(details.json.app.name).toBe("Ada Lovelace's bank")
    expect((await bob.t.api('GET', '/protected/json/app/details')).json.app.name).toBe(
      "Bob 4's bank"
    )
    expect((await t().api('GET', '/protected/json/app/details')).json.app.name).toBe('Sandbox App')
    expect(details.json.app.app_id).not.toBe(
      (await bob.t.api('GET', '/protected/json/app/details')).json.app.app_id
    )

    const adaStats = (await ada.t.api('GET', '/protected/json/app/stats')).json
    expect(adaStats.total_users).toBe(2)
    expect(adaStats.stats[0]).toMatchObject({ api_calls_count: 7, users_count: 2 })
    const bobStats = (await bob.t.api('GET', '/protected/json/app/stats')).json
    expect(bobStats.total_users).toBe(0)
    expect(bobStats.stats[0]).toMatchObject({ api_calls_count: 3, users_count: 0 })
  })

  it("send codes in their own name, and verify only their own: another application's code is wrong", async () => {
    const { ada, bob, phone, id } = await twoAppsOnOnePhone(t(), ['Ada 5', 'Bob 5'])
    await ada.t.api('GET', `/protected/json/sms/${id}?force=true`)
    const [sms] = await t().control.messages(1, phone)
    expect(sms.body).toMatch(/^Your Ada 5's bank token is: \d{7}$/)

    const wrong = await bob.t.api('GET', `/protected/json/verify/${sms.code}/${id}`)
    expect(wrong.json.error_code).toBe('60020')
    const right = await ada.t.api('GET', `/protected/json/verify/${sms.code}/${id}`)
    expect(right.json.token).toBe('is valid')
  })

  it("verify the phone's app token for every application that registered it", async () => {
    const { ada, bob, id } = await twoAppsOnOnePhone(t(), ['Ada 6', 'Bob 6'], { withApp: true })
    const { token } = await t().control.totp(id)
    expect((await ada.t.api('GET', `/protected/json/verify/${token}/${id}`)).status).toBe(200)
    expect((await bob.t.api('GET', `/protected/json/verify/${token}/${id}`)).status).toBe(200)
    expect((await bob.t.api('GET', `/protected/json/verify/${token}/${id}`)).json.error_code).toBe(
      '60019'
    )
  })

  it("check only the phone verifications they started", async () => {
    const ada = await joinAs(t(), 'Ada 7')
    const bob = await joinAs(t(), 'Bob 7')
    const phone = nextPhone()
    const body = JSON.stringify({ country_code: '1', phone_number: phone, via: 'sms' })
    const started = await ada.t.api('POST', '/protected/json/phones/verification/start', {
      headers: JSON_TYPE,
      body,
    })
    expect(started.status).toBe(200)
    const [sms] = await t().control.messages(1, phone)
    expect(sms.body).toContain("Ada 7's bank")
    const query = `country_code=1&phone_number=${phone}`
    const status = `/protected/json/phones/verification/status?${query}`
    expect((await bob.t.api('GET', status)).json.error_code).toBe('60023')
    const check = `/protected/json/phones/verification/check?${query}&verification_code=${sms.code}`
    expect((await bob.t.api('GET', check)).json.error_code).toBe('60023')
    expect((await ada.t.api('GET', check)).json.message).toBe('Verification code is correct.')
  })

  it('remove a user from one application only; the user leaves the sandbox with the last one', async () => {
    const { ada, bob, id } = await twoAppsOnOnePhone(t(), ['Ada 8', 'Bob 8'])
    expect((await ada.t.api('POST', `/protected/json/users/${id}/delete`)).status).toBe(200)
    expect((await ada.t.api('GET', `/protected/json/users/${id}/status`)).status).toBe(404)
    expect((await bob.t.api('GET', `/protected/json/users/${id}/status`)).status).toBe(200)
    expect((await t().control.user(id)).authy_id).toBe(id)
    expect((await bob.t.api('POST', `/protected/json/users/${id}/delete`)).status).toBe(200)
    await expect(t().control.user(id)).rejects.toMatchObject({ status: 404 })
  })

  it('let the control API decide any application’s request, and list every application without its key', async () => {
    const ada = await joinAs(t(), 'Ada 9')
    const { id } = await registerUser(ada.t)
    const uuid = await createApproval(ada.t, id, { message: 'Transfer $10' })
    const approved = await t().control.approve(uuid)
    expect(approved).toMatchObject({ status: 'approved', _app_name: "Ada 9's bank" })
    const expired = await t().control.expire(await createApproval(ada.t, id, { message: 'Later' }))
    expect(expired.status).toBe('expired')
    await createApproval(ada.t, id, { message: 'Waiting' })

    const apps = await t().control.apps()
    expect(apps[0]).toMatchObject({ app_id: 1, name: 'Sandbox App', room: false })
    const listed = apps.find((app) => app.name === "Ada 9's bank")
    expect(listed).toMatchObject({
      room: true,
      users: 1,
      approval_requests: { pending: 1, approved: 1, denied: 0, expired: 1 },
      callback_state: 'unset',
      last_request_at: expect.any(String),
    })
    const raw = await t().raw('GET', '/sandbox/apps', {
      headers: { 'x-authy-api-key': t().sandbox.apiKey },
    })
    expect(raw.text).not.toContain(ada.api_key)
    expect(raw.text).not.toContain(ada.twilio_auth_token!)
  })

  it("tag each request in the request log with the application whose key it carried", async () => {
    const ada = await joinAs(t(), 'Ada 10')
    await ada.t.api('GET', '/protected/json/app/details?tag=ada')
    await t().api('GET', '/protected/json/app/details?tag=own')
    await t().raw('GET', '/protected/json/app/details?tag=nobody')
    const logged = await t().control.requests('/protected/json/app/details')
    const adaId = (await t().control.apps()).find((app) => app.name === "Ada 10's bank")!.app_id
    expect(logged.slice(0, 3).map((entry) => entry.app_id)).toEqual([null, 1, adaId])
  })
})
