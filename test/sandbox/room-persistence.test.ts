// The data file with many applications: a file of the one-application sandbox is migrated without
// losing anything, and a restart keeps every application, key, user and request.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRoomClient } from '../../shared/sandbox/index.js'
import {
  createApproval,
  registerUser,
  sandboxV1Fixture,
  startReceiver,
  startTestSandbox,
  TEST_ROOM,
  TEST_TWILIO,
  twilioClientOf,
  twoAppsOnOnePhone,
  withKey,
} from './support.js'

// What the fixture was written with (test/fixtures/sandbox-v1.json).
const FIXTURE_KEY = 'fixture-key-0123456789'
const FIXTURE_TWILIO = { ...TEST_TWILIO, authToken: 'fixture-twilio-token-0123' }
const FIXTURE_NOW = Date.parse('2026-11-20T10:03:00Z')
const ADA = 100001
const BOB = 100002

describe('a data file of the one-application sandbox (version 1)', () => {
  const dirs: string[] = []
  const dataFileIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-v1-'))
    dirs.push(dir)
    return join(dir, 'sandbox.json')
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  async function startOnFixture() {
    const dataFile = dataFileIn()
    const text = readFileSync(new URL('../fixtures/sandbox-v1.json', import.meta.url), 'utf8')
    writeFileSync(dataFile, text)
    const t = await startTestSandbox({
      apiKey: FIXTURE_KEY,
      dataFile,
      now: () => FIXTURE_NOW,
      twilio: FIXTURE_TWILIO,
    })
    return { t, dataFile, text }
  }

  it('becomes the first application of a version 2 file, every record kept, the old file copied aside', async () => {
    const { t, dataFile, text } = await startOnFixture()
    await t.sandbox.close()
    const old = sandboxV1Fixture()
    const migrated = JSON.parse(readFileSync(dataFile, 'utf8'))
    expect(readFileSync(`${dataFile}.v1`, 'utf8')).toBe(text)
    expect(t.logs.some((line) => line.includes(`(the old file is kept as ${dataFile}.v1)`))).toBe(
      true
    )

    const appId = old.app.app_id
    expect(migrated.version).toBe(2)
    expect(migrated.apps).toHaveLength(1)
    expect(migrated.apps[0]).toEqual({
      ...old.app,
      api_key: null,
      room_name: null,
      twilio: null,
      authy_ids: [ADA, BOB],
      stats: old.stats,
      created_at_ms: expect.any(Number),
      last_request_at_ms: null,
    })
    expect(migrated.next_authy_id).toBe(old.next_authy_id)
    expect(migrated.next_device_id).toBe(old.next_device_id)
    expect(migrated.users).toEqual(old.users)
    expect(migrated.messages).toEqual(old.messages)
    expect(migrated.twilio_messages).toEqual(old.twilio_messages)
    const withApp = (records: object[]) => records.map((record) => ({ ...record, app_id: appId }))
    expect(migrated.approval_requests).toEqual(withApp(old.approval_requests))
    expect(migrated.tokens).toEqual(withApp(old.tokens))
    expect(migrated.verifications).toEqual(withApp(old.verifications))
  })

  it("serves all of its data with the sandbox's key, as the one-application sandbox did", async () => {
    const { t } = await startOnFixture()
    try {
      const old = sandboxV1Fixture()
      const [pending, approved, denied, expired] = old.approval_requests.map(
        (request: { uuid: string }) => request.uuid
      )
      const statusOf = async (uuid: string) =>
        (await t.api('GET', `/onetouch/json/approval_requests/${uuid}`)).json.approval_request
      expect(await statusOf(pending)).toMatchObject({ status: 'pending', _app_name: 'Sandbox App' })
      expect((await statusOf(approved)).status).toBe('approved')
      expect((await statusOf(denied)).status).toBe('denied')
      expect((await statusOf(expired)).status).toBe('expired')
      expect((await t.control.approvalRequest(pending)).hidden_details).toEqual({ ip: '10.0.0.1' })

      expect((await t.api('GET', `/protected/json/users/${ADA}/status`)).json.status).toMatchObject(
        { registered: true, phone_number: 'XXX-XXX-0123' }
      )
      const adaPage = new URL((await t.control.user(ADA)).phone_url).pathname
      expect(adaPage).toBe(`/phone/${old.users[0].phone_token}`)
      const [token] = old.tokens
      expect((await t.api('GET', `/protected/json/verify/${token.code}/${BOB}`)).json.token).toBe(
        'is valid'
      )
      const [verification] = old.verifications
      const check =
        '/protected/json/phones/verification/check?country_code=1&phone_number=2015550125' +
        `&verification_code=${verification.code}`
      expect((await t.api('GET', check)).json.message).toBe('Verification code is correct.')

      expect(await t.control.messages(1, '2015550124')).toHaveLength(2)
      const [text] = await twilioClientOf(t, FIXTURE_TWILIO).messages.list()
      expect(text?.body).toBe('You did it! Signup complete :)')

      expect(await t.control.app()).toMatchObject({
        name: 'Sandbox App',
        calls_enabled: false,
        onetouch_callback_url: 'http://127.0.0.1:9/authy/callback',
        onetouch_callback_method: 'GET',
        disabled: true,
        consecutive_failures: 3,
        last_error: { message: 'connect ECONNREFUSED 127.0.0.1:9' },
      })
      const stats = (await t.api('GET', '/protected/json/app/stats')).json
      expect(stats.total_users).toBe(2)
      expect(stats.stats[0]).toMatchObject({ sms_count: 1, users_count: 2 })
      expect((await registerUser(t)).id).toBe(100003)
    } finally {
      await t.sandbox.close()
    }
  })
})

describe('a restart of a room sandbox', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('keeps every application, key, Twilio account, user, request and callback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-room-'))
    dirs.push(dir)
    const dataFile = join(dir, 'sandbox.json')
    const receiver = await startReceiver()
    const options = { dataFile, room: TEST_ROOM, twilio: TEST_TWILIO }
    const first = await startTestSandbox(options)
    const { ada, bob, phone, id } = await twoAppsOnOnePhone(first, ['Ada', 'Bob'])
    const adaRequest = await createApproval(ada.t, id, { message: 'From Ada' })
    const bobRequest = await createApproval(bob.t, id, { message: 'From Bob' })
    await first.control.deny(bobRequest)
    const callback = `${receiver.url}/authy/callback`
    await createRoomClient(first.sandbox.url).forApp(ada.api_key).setCallback(callback)
    const phoneUrl = (await first.control.user(id)).phone_url
    await first.sandbox.close()

    const second = await startTestSandbox({ ...options, room: { ...TEST_ROOM, code: 'NEWCODE7' } })
    try {
      expect(second.logs.some((line) => line.includes('older sandbox'))).toBe(false)
      const adaAgain = withKey(second, ada.api_key)
      const bobAgain = withKey(second, bob.api_key)
      const details = await adaAgain.api('GET', '/protected/json/app/details')
      expect(details.json.app.name).toBe("Ada's bank")
      const read = (t: typeof adaAgain, uuid: string) =>
        t.api('GET', `/onetouch/json/approval_requests/${uuid}`)
      expect((await read(adaAgain, adaRequest)).json.approval_request.status).toBe('pending')
      expect((await read(bobAgain, bobRequest)).json.approval_request.status).toBe('denied')
      expect((await read(bobAgain, adaRequest)).status).toBe(404)
      expect((await adaAgain.api('GET', `/protected/json/users/${id}/status`)).status).toBe(200)

      const mine = createRoomClient(second.sandbox.url).forApp(ada.api_key)
      expect((await mine.app()).callback).toMatchObject({ url: callback, state: 'working' })
      expect(new URL(await mine.phoneUrl(id)).pathname).toBe(new URL(phoneUrl).pathname)

      const rejoined = await createRoomClient(second.sandbox.url).join('NEWCODE7', 'ada')
      expect(rejoined).toMatchObject({ created: false, api_key: ada.api_key })
      expect(rejoined.twilio_auth_token).toBe(ada.twilio_auth_token)
      const sent = await twilioClientOf(second, {
        accountSid: ada.twilio_account_sid!,
        authToken: ada.twilio_auth_token!,
      }).messages.create({ to: `+1${phone}`, from: '+15005550006', body: 'After the restart' })
      expect(sent.accountSid).toBe(ada.twilio_account_sid)

      const apps = await second.control.apps()
      expect(apps.map((app) => app.name)).toEqual(['Sandbox App', "Ada's bank", "Bob's bank"])
      expect(apps[1]).toMatchObject({ users: 1, approval_requests: { pending: 1 } })
      expect(apps[2]).toMatchObject({ users: 1, approval_requests: { denied: 1 } })
    } finally {
      await second.sandbox.close()
      await receiver.close()
    }
  })
})
