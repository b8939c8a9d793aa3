// The official Node clients, unchanged, against the sandbox: their own response checks must pass.
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'
import { createRoomClient } from '../../shared/sandbox/index.js'
import { TEST_ROOM, useSandbox, type TestSandbox } from './support.js'

const require = createRequire(import.meta.url)
const { Client } = require('authy-client') as {
  Client: new (credentials: { key: string }, options: { host: string }) => any
}
const authyFactory = require('authy') as (key: string, url: string) => any

// Each client runs twice: with the sandbox's own key, and with the key of an application joined in
// a room (as an attendee's app on another laptop would).
const KEYS = [
  { who: "the sandbox's own key", joinAs: undefined, appName: 'Sandbox App' },
  { who: "a joined application's key", joinAs: 'Ada', appName: "Ada's bank" },
]

/** The API key of the variant: the sandbox's, or one joined in its room before the tests. */
function useKey(t: () => TestSandbox, joinAs: string | undefined): () => string {
  let key: string | undefined
  beforeAll(async () => {
    key = joinAs
      ? (await createRoomClient(t().sandbox.url).join(TEST_ROOM.code, joinAs)).api_key
      : t().sandbox.apiKey
  })
  return () => key!
}

/** Calls a node-style `(err, body)` API of the `authy` package as a promise. */
function call<T = any>(run: (done: (error: unknown, body: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((error, body) => (error ? reject(error) : resolve(body)))
  )
}

describe.each(KEYS)('authy-client 1.1.4 with $who', ({ joinAs, appName }) => {
  const t = useSandbox({ room: TEST_ROOM })
  const key = useKey(t, joinAs)
  const client = () => new Client({ key: key() }, { host: t().sandbox.url })

  it('registers a user and reads the status', async () => {
    const registered = await client().registerUser({
      countryCode: 'US',
      email: 'client@example.com',
      phone: '201-555-0160',
    })
    expect(registered.user.id).toEqual(expect.any(Number))
    await t().control.setDevice(registered.user.id, true)
    const status = await client().getUserStatus({ authyId: registered.user.id })
    expect(status.status).toMatchObject({
      authy_id: registered.user.id,
      registered: true,
      phone_number: 'XXX-XXX-0160',
    })
  })

  it('requests an SMS and a call, and verifies the codes from the inbox and the app token', async () => {
    const { user } = await client().registerUser({
      countryCode: 'US',
      email: 'sms@example.com',
      phone: '201-555-0161',
    })
    await t().control.setDevice(user.id, true)
    const ignored = await client().requestSms({ authyId: user.id })
    expect(ignored.ignored).toBe(true)
    const sent = await client().requestSms({ authyId: user.id }, { force: true })
    expect(sent.message).toBe('SMS token was sent')
    const [sms] = await t().control.messages(1, '2015550161')
    const verified = await client().verifyToken({ authyId: user.id, token: sms.code })
    expect(verified.token).toBe('is valid')
    await expect(client().verifyToken({ authyId: user.id, token: sms.code })).rejects.toMatchObject(
      { code: 401 }
    )

    await client().requestCall({ authyId: user.id }, { force: true })
    const [call] = await t().control.messages(1, '2015550161')
    expect(call.channel).toBe('call')
    await client().verifyToken({ authyId: user.id, token: call.code })

    const { token } = await t().control.totp(user.id)
    expect((await client().verifyToken({ authyId: user.id, token })).message).toBe(
      'Token is valid.'
    )
  })

  it('creates an approval request and reads its status with every field it requires', async () => {
    const { user } = await client().registerUser({
      countryCode: 'US',
      email: 'push@example.com',
      phone: '201-555-0162',
    })
    const created = await client().createApprovalRequest(
      {
        authyId: user.id,
        details: {
          hidden: { ip: '10.0.0.1' },
          visible: { From: 'push@example.com', 'US Dollar Amount': '$ 10' },
        },
        logos: [{ res: 'default', url: 'https://bank.example/logo.png' }],
        message: 'Transfer money',
      },
      { ttl: 120 }
    )
    const uuid = created.approval_request.uuid
    const pending = await client().getApprovalRequest({ id: uuid })
    expect(pending.approval_request).toMatchObject({ status: 'pending', seconds_to_expire: 120 })
    await t().control.approve(uuid)
    const approved = await client().getApprovalRequest({ id: uuid })
    expect(approved.approval_request.status).toBe('approved')
    expect((await t().control.approvalRequest(uuid)).hidden_details).toEqual({ ip: '10.0.0.1' })
  })

  it('really checks the shapes: a status missing fields (injected) is rejected by the client', async () => {
    await t().control.addFault({
      path: '/onetouch/json/approval_requests/*',
      body: { approval_request: { status: 'pending', uuid: 'x' }, success: true },
    })
    await expect(client().getApprovalRequest({ id: 'x' })).rejects.toThrow()
  })

  it('starts and checks a phone verification', async () => {
    const started = await client().startPhoneVerification({
      countryCode: 'US',
      phone: '201-555-0163',
      via: 'sms',
    })
    expect(started.message).toBe('Text message sent to +1 201-555-0163.')
    const [sms] = await t().control.messages(1, '2015550163')
    const checked = await client().verifyPhone({
      countryCode: 'US',
      phone: '201-555-0163',
      token: sms.code,
    })
    expect(checked.message).toBe('Verification code is correct.')
  })

  it('reads phone information, application details and statistics', async () => {
    const info = await client().getPhoneInformation({ countryCode: 'US', phone: '201-555-0164' })
    expect(info.type).toBe('cellphone')
    expect((await client().getApplicationDetails()).app.name).toBe(appName)
    const stats = await client().getApplicationStatistics()
    expect(stats.stats.length).toBeGreaterThan(0)
  })

  it('registers an activity and deletes the user', async () => {
    const { user } = await client().registerUser({
      countryCode: 'US',
      email: 'bye@example.com',
      phone: '201-555-0165',
    })
    await client().registerActivity({
      authyId: user.id,
      data: { reason: 'test' },
      type: 'cookie_login',
    })
    await client().deleteUser({ authyId: user.id })
    await expect(client().getUserStatus({ authyId: user.id })).rejects.toMatchObject({ code: 404 })
  })
})

describe.each(KEYS)('authy 1.4.0 (the node package) with $who', ({ joinAs }) => {
  const t = useSandbox({ room: TEST_ROOM })
  const key = useKey(t, joinAs)
  const authy = () => authyFactory(key(), t().sandbox.url)

  it('registers a user, reads the status and deletes the user', async () => {
    const registered = await call((done) =>
      authy().register_user('node@example.com', '201-555-0170', '1', done)
    )
    const id = registered.user.id
    expect(registered.message).toBe('User created successfully.')
    const status = await call((done) => authy().user_status(id, done))
    expect(status.status.authy_id).toBe(id)
    const removed = await call((done) => authy().delete_user(id, done))
    expect(removed.success).toBe(true)
    await expect(call((done) => authy().user_status(id, done))).rejects.toMatchObject({
      error_code: '60026',
    })
  })

  it('requests an SMS and verifies the code from the inbox, then the app token', async () => {
    const { user } = await call((done) =>
      authy().register_user('nodesms@example.com', '2015550171', '1', false, done)
    )
    await t().control.setDevice(user.id, true)
    const sent = await call((done) => authy().request_sms(user.id, true, done))
    expect(sent.message).toBe('SMS token was sent')
    const [sms] = await t().control.messages(1, '2015550171')
    const verified = await call((done) => authy().verify(user.id, sms.code, done))
    expect(verified.token).toBe('is valid')
    await expect(call((done) => authy().verify(user.id, sms.code, done))).rejects.toMatchObject({
      error_code: '60019',
    })
    const { token } = await t().control.totp(user.id)
    expect((await call((done) => authy().verify(user.id, token, true, done))).token).toBe(
      'is valid'
    )
    const called = await call((done) => authy().request_call(user.id, true, done))
    expect(called.message).toBe('Call started...')
  })

  it('sends an approval request as a bracket form and checks its status', async () => {
    const { user } = await call((done) =>
      authy().register_user('nodepush@example.com', '2015550172', '1', done)
    )
    const sent = await call((done) =>
      authy().send_approval_request(
        user.id,
        {
          message: 'Transfer Money to bob@x.com',
          details: { From: 'nodepush@example.com', To: 'bob@x.com' },
          seconds_to_expire: '600',
        },
        { ref: 'T-42' },
        [
          { res: 'default', url: 'https://bank.example/logo.png' },
          { res: 'low', url: 'https://bank.example/low.png' },
        ],
        done
      )
    )
    const uuid = sent.approval_request.uuid
    const view = await t().control.approvalRequest(uuid)
    expect(view).toMatchObject({
      details: { From: 'nodepush@example.com', To: 'bob@x.com' },
      hidden_details: { ref: 'T-42' },
      seconds_to_expire: 600,
    })
    expect(view.logos.map((logo) => logo.res)).toEqual(['default', 'low'])
    await t().control.deny(uuid)
    const status = await call((done) => authy().check_approval_status(uuid, done))
    expect(status.approval_request.status).toBe('denied')
  })

  it('starts, checks and reads a phone verification (a form body on GET), and reads phone info', async () => {
    await call((done) => authy().phones().verification_start('2015550173', '1', 'sms', done))
    const status = await call((done) =>
      authy().phones().verification_status('2015550173', '1', done)
    )
    expect(status.status).toBe('pending')
    const [sms] = await t().control.messages(1, '2015550173')
    await expect(
      call((done) => authy().phones().verification_check('2015550173', '1', '99999999', done))
    ).rejects.toMatchObject({ error_code: '60022' })
    const checked = await call((done) =>
      authy().phones().verification_check('2015550173', '1', sms.code, done)
    )
    expect(checked.message).toBe('Verification code is correct.')
    const info = await call((done) => authy().phones().info('2015550173', '1', done))
    expect(info.success).toBe(true)
  })

  it('reads application details and statistics through its _request, as the node workshop did', async () => {
    const details = await call((done) =>
      authy()._request('get', '/protected/json/app/details', {}, done)
    )
    expect(details.message).toBe('Application information.')
    const stats = await call((done) =>
      authy()._request('get', '/protected/json/app/stats', {}, done)
    )
    expect(stats.message).toBe('Monthly statistics.')
  })
})
