// Joining a room: POST /room/join over real HTTP, through the room client and raw.
import { Agent, request } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createRoomClient,
  MAX_ROOM_APPS,
  RoomApiError,
  startSandbox,
} from '../../shared/sandbox/index.js'
import {
  createApproval,
  joinAs,
  registerUser,
  send,
  startTestSandbox,
  TEST_KEY,
  TEST_ROOM,
  TEST_TWILIO,
  useSandbox,
  type RawAnswer,
} from './support.js'

const JSON_TYPE = { 'content-type': 'application/json' }

function join(t: { sandbox: { url: string } }, body: unknown): Promise<RawAnswer> {
  return send('POST', `${t.sandbox.url}/room/join`, {
    headers: JSON_TYPE,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

describe('joining a room', () => {
  const t = useSandbox({ room: TEST_ROOM, twilio: TEST_TWILIO })
  const room = () => createRoomClient(t().sandbox.url)

  it('with the right code makes an application of its own: 201, its key, its name and its Twilio account', async () => {
    const answer = await join(t(), { code: TEST_ROOM.code, name: 'Ada' })
    expect(answer.status).toBe(201)
    expect(answer.json).toEqual({
      api_url: t().sandbox.publicUrl,
      api_key: expect.stringMatching(/^[0-9a-f]{32}$/),
      app_name: "Ada's bank",
      twilio_api_url: t().sandbox.twilioPublicUrl,
      twilio_account_sid: expect.stringMatching(/^AC[0-9a-f]{32}$/),
      twilio_auth_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      twilio_api_key_sid: expect.stringMatching(/^SK[0-9a-f]{32}$/),
      twilio_api_key_secret: expect.stringMatching(/^[0-9a-f]{32}$/),
      twilio_from_number: '+15005550006',
      room_url: null,
    })
    expect(answer.json.api_key).not.toBe(TEST_KEY)
    expect(answer.json.twilio_account_sid).not.toBe(TEST_TWILIO.accountSid)
    const details = await send('GET', `${answer.json.api_url}/protected/json/app/details`, {
      headers: { 'x-authy-api-key': answer.json.api_key },
    })
    expect(details.json.app.name).toBe("Ada's bank")
  })

  it("names the presenter's bank for the progress grid when the room has one", async () => {
    const withView = await startSandbox({
      apiKey: TEST_KEY,
      room: { ...TEST_ROOM, progressUrl: 'http://192.168.1.20:4000' },
      log: () => {},
    })
    const answer = await createRoomClient(withView.url).join(TEST_ROOM.code, 'Lin')
    expect(answer.room_url).toBe('http://192.168.1.20:4000')
    await withView.close()
  })

  it('with the same name again, in any case and with spaces around, gives the same application back (200)', async () => {
    const first = await room().join(TEST_ROOM.code, 'Grace')
    expect(first.created).toBe(true)
    const again = await join(t(), { code: TEST_ROOM.code, name: '  GRACE ' })
    expect(again.status).toBe(200)
    const { created: _created, ...credentials } = first
    expect(again.json).toEqual(credentials)
    const apps = (await t().control.apps()).filter((app) => app.name.startsWith('Grace'))
    expect(apps).toHaveLength(1)
  })

  it('with a wrong code is refused with 403, and makes nothing', async () => {
    const before = (await t().control.apps()).length
    const refused = await join(t(), { code: 'WRONGCODE1', name: 'Mallory' })
    expect(refused.status).toBe(403)
    expect(refused.json).toEqual({
      message: expect.stringContaining("not this room's code"),
      field: 'code',
    })
    const error = await room().join(`${TEST_ROOM.code}x`, 'Mallory').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RoomApiError)
    expect(error).toMatchObject({ status: 403, field: 'code' })
    expect((await t().control.apps()).length).toBe(before)
  })

  it('names the field and the fix for a missing, empty or mistyped field, and for a body that is not a JSON object', async () => {
    const cases: [unknown, string | undefined, RegExp][] = [
      [{ name: 'Ada' }, 'code', /code is required/],
      [{ code: '', name: 'Ada' }, 'code', /code is required/],
      [{ code: 42, name: 'Ada' }, 'code', /code must be a string/],
      [{ code: TEST_ROOM.code }, 'name', /name is required/],
      [{ code: TEST_ROOM.code, name: ['Ada'] }, 'name', /name must be a string/],
      ['{"code": "TESTROOM42", "name": ', undefined, /must be a JSON object/],
      ['["TESTROOM42", "Ada"]', undefined, /must be a JSON object/],
      ['', undefined, /must be a JSON object/],
    ]
    for (const [body, field, message] of cases) {
      const answer = await join(t(), body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.json.message, JSON.stringify(body)).toMatch(message)
      expect(answer.json.field, JSON.stringify(body)).toBe(field)
    }
  })

  it('refuses a body over 10,000 bytes with 413, never a 500', async () => {
    const answer = await join(t(), { code: TEST_ROOM.code, name: 'A'.repeat(20_000) })
    expect(answer.status).toBe(413)
    expect(answer.json.message).toMatch(/at most 10000 bytes/)
  })

  it('takes names of 1 to 40 characters (an emoji is one), trimmed, and refuses control characters', async () => {
    const refused: [string, RegExp][] = [
      ['   ', /name is required/],
      ['A'.repeat(41), /at most 40 characters \(it has 41\)/],
      ['Ada\nLovelace', /control characters/],
      ['Ada\tL', /control characters/],
      ['Ada\u202eecalevol', /control characters/],
      ['Ada\u0000', /control characters/],
      ['\ud800Ada', /control characters/],
    ]
    for (const [name, message] of refused) {
      const answer = await join(t(), { code: TEST_ROOM.code, name })
      expect(answer.status, JSON.stringify(name)).toBe(400)
      expect(answer.json, JSON.stringify(name)).toMatchObject({ field: 'name' })
      expect(answer.json.message, JSON.stringify(name)).toMatch(message)
    }
    const forty = await room().join(TEST_ROOM.code, `  ${'B'.repeat(40)}  `)
    expect(forty.app_name).toBe(`${'B'.repeat(40)}'s bank`)
    const emoji = await room().join(TEST_ROOM.code, '🦊'.repeat(40))
    expect(emoji.app_name).toBe(`${'🦊'.repeat(40)}'s bank`)
  })

  it('keeps a name as given and escapes it on the phone page', async () => {
    const name = '<img src=x onerror=alert(1)> & "Eve"'
    const eve = await joinAs(t(), name)
    expect(eve.app_name).toBe(`${name}'s bank`)
    const { id } = await registerUser(eve.t)
    await createApproval(eve.t, id, { message: 'Transfer $1' })
    const page = await send('GET', (await t().control.user(id)).phone_url)
    expect(page.text).not.toContain('<img src=x')
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Eve&quot;')
  })

  it('answers an unknown room path with 404 and the paths it has', async () => {
    const answer = await send('GET', `${t().sandbox.url}/room/nothing`)
    expect(answer.status).toBe(404)
    expect(answer.json.message).toContain('POST /room/join')
  })
})

describe('a room that is full', () => {
  it('refuses a new name with 409 past its cap, and still gives a joined name its application back', async () => {
    const t = await startTestSandbox({ room: { ...TEST_ROOM, maxApps: 3 } })
    try {
      for (const name of ['One', 'Two', 'Three']) await joinAs(t, name)
      const full = await join(t, { code: TEST_ROOM.code, name: 'Four' })
      expect(full.status).toBe(409)
      expect(full.json.message).toMatch(/This room is full: it holds at most 3 applications/)
      expect((await join(t, { code: TEST_ROOM.code, name: 'two' })).status).toBe(200)
    } finally {
      await t.sandbox.close()
    }
  })

  it(`holds ${MAX_ROOM_APPS} applications by default, and not one more`, async () => {
    const t = await startTestSandbox({ room: TEST_ROOM })
    try {
      const names = Array.from({ length: MAX_ROOM_APPS }, (_, i) => `Attendee ${i + 1}`)
      for (let i = 0; i < names.length; i += 25) {
        const answers = await Promise.all(
          names.slice(i, i + 25).map((name) => join(t, { code: TEST_ROOM.code, name }))
        )
        expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201))
      }
      const keys = new Set((await t.control.apps()).map((app) => app.name))
      expect(keys.size).toBe(MAX_ROOM_APPS + 1)
      expect((await join(t, { code: TEST_ROOM.code, name: 'One too many' })).status).toBe(409)
      expect((await join(t, { code: TEST_ROOM.code, name: 'attendee 500' })).status).toBe(200)
    } finally {
      await t.sandbox.close()
    }
  })
})

describe('join attempts', () => {
  const agents: Agent[] = []
  afterAll(async () => {
    for (const agent of agents) await agent.close()
  })

  // A second address on this computer: Linux answers all of 127.0.0.0/8 on loopback.
  async function joinFrom(url: string, localAddress: string, body: unknown) {
    const agent = new Agent({ localAddress })
    agents.push(agent)
    const response = await request(`${url}/room/join`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(body),
      dispatcher: agent,
    })
    const json = await response.body.json()
    return { status: response.statusCode, headers: response.headers, json }
  }

  it('are limited to 10 a minute per address, wrong codes and bad bodies included: then 429 with Retry-After', async () => {
    let clock = Date.parse('2026-11-20T10:00:00Z')
    const t = await startTestSandbox({ room: { code: TEST_ROOM.code }, now: () => clock })
    try {
      for (let i = 0; i < 4; i++)
        expect((await join(t, { code: 'WRONG', name: 'Ada' })).status).toBe(403)
      for (let i = 0; i < 3; i++) expect((await join(t, '{')).status).toBe(400)
      for (let i = 0; i < 3; i++)
        expect((await join(t, { code: TEST_ROOM.code, name: 'Ada' })).status).toBeLessThan(300)
      clock += 20_000
      const limited = await join(t, { code: TEST_ROOM.code, name: 'Ada' })
      expect(limited.status).toBe(429)
      expect(limited.headers['retry-after']).toBe('40')
      expect(limited.json.message).toMatch(/Too many join attempts .*\(at most 10 a minute\)/)
      const error = await createRoomClient(t.sandbox.url)
        .join(TEST_ROOM.code, 'Ada')
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ status: 429, retryAfterSeconds: 40 })

      const other = await joinFrom(t.sandbox.url, '127.0.0.2', { code: TEST_ROOM.code, name: 'Bo' })
      expect(other.status).toBe(201)

      clock += 40_000
      expect((await join(t, { code: TEST_ROOM.code, name: 'Ada' })).status).toBe(200)
    } finally {
      await t.sandbox.close()
    }
  })
})

describe('a sandbox without a room', () => {
  it('answers every /room path with 404 and says how the presenter starts one', async () => {
    const sandbox = await startSandbox({ apiKey: TEST_KEY, log: () => {} })
    try {
      for (const [method, path] of [
        ['POST', '/room/join'],
        ['GET', '/room/app'],
        ['PUT', '/room/app/callback'],
        ['GET', '/room'],
      ] as const) {
        const answer = await send(method, `${sandbox.url}${path}`, {
          headers: JSON_TYPE,
          body: method === 'GET' ? undefined : '{"code":"X","name":"Ada"}',
        })
        expect(answer.status, path).toBe(404)
        expect(answer.json, path).toEqual({
          message:
            'This sandbox is not running a room. The presenter starts one with `npm start -- --room`.',
        })
      }
      const error = await createRoomClient(sandbox.url)
        .join('X', 'Ada')
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ status: 404, message: expect.stringContaining('--room') })
    } finally {
      await sandbox.close()
    }
  })

  it('says the sandbox cannot be reached when nothing answers at the address', async () => {
    const sandbox = await startSandbox({ apiKey: TEST_KEY, log: () => {} })
    const url = sandbox.url
    await sandbox.close()
    const error = await createRoomClient(url)
      .join('X', 'Ada')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RoomApiError)
    expect(error).toMatchObject({
      status: 0,
      message: expect.stringMatching(/Could not reach .*ECONNREFUSED/),
    })
  })
})
