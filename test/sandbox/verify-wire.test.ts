// The Verify API's exact bytes (the envelope, dates, SIDs, form names and JSON-string values, the
// list envelope), its own port, and its state across a restart.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { emptySandboxData } from '../../shared/sandbox/domain/store-schema.js'
import { PortInUseError, startSandbox } from '../../shared/sandbox/index.js'
import {
  freePort,
  isPortFree,
  nextPhone,
  occupyPort,
  portOf,
  send,
  startTestSandbox,
  TEST_KEY,
  useSandbox,
} from './support.js'
import { nextIdentity, rawVerify, TEST_VERIFY, verifyClientOf } from './verify-support.js'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

describe('the Verify API on the wire', () => {
  const t = useSandbox({ verify: TEST_VERIFY })

  it('answers compact JSON with ISO 8601 dates and 34-character SIDs', async () => {
    const answer = await rawVerify(t(), 'POST', '/v2/Services', { form: { FriendlyName: 'Wire' } })
    expect(answer.status).toBe(201)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.text).toBe(JSON.stringify(answer.json))
    expect(answer.json.sid).toMatch(/^VA[0-9a-f]{32}$/)
    expect(answer.json.date_created).toMatch(ISO)
    expect(answer.json.date_updated).toMatch(ISO)
    expect(Object.keys(answer.json).slice(0, 4)).toEqual(['sid', 'account_sid', 'friendly_name', 'code_length'])
  })

  it('answers errors in Twilio’s envelope with an integer code, and 401 / 20003 without credentials', async () => {
    const unauthorised = await rawVerify(t(), 'GET', '/v2/Services', { headers: { authorization: '' } })
    expect(unauthorised.status).toBe(401)
    expect(unauthorised.headers['www-authenticate']).toBe('Basic realm="Twilio API"')
    expect(unauthorised.text).toBe(
      '{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}'
    )
    const nowhere = await rawVerify(t(), 'GET', '/v2/Nothing/Here')
    expect(nowhere.json).toEqual({
      code: 20404,
      message: 'The requested resource /Nothing/Here was not found',
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    })
  })

  it('reads form fields only: a JSON body sends none (20001)', async () => {
    const answer = await rawVerify(t(), 'POST', '/v2/Services', {
      headers: { 'content-type': 'application/json' },
    })
    const json = await send('POST', `${t().sandbox.verifyUrl}/v2/Services`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${TEST_VERIFY.accountSid}:${TEST_VERIFY.authToken}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ FriendlyName: 'JSON' }),
    })
    expect(answer.json.code).toBe(20001)
    expect(json.status).toBe(400)
    expect(json.json).toMatchObject({ code: 20001, message: 'Missing required parameter FriendlyName in the post body' })
  })

  it('takes dotted names, repeated Details.Fields and JSON-string values as the official client sends them', async () => {
    const service = await verifyClientOf(t()).verify.v2.services.create({ friendlyName: 'Dotted' })
    const identity = nextIdentity()
    const factor = await t().control.verify.addPushFactor(identity, {
      service_sid: service.sid,
      country_code: 1,
      phone_number: nextPhone(),
    })
    const path = `/v2/Services/${service.sid}/Entities/${identity}/Challenges`
    const answer = await rawVerify(t(), 'POST', path, {
      form: {
        FactorSid: factor.sid,
        'Details.Message': 'Approve transfer?',
        'Details.Fields': ['{"label":"To","value":"Bob & Co"}', '{"label":"Amount","value":"$12.50"}'],
        HiddenDetails: '{"transferId":"t_123"}',
      },
    })
    expect(answer.status).toBe(201)
    expect(answer.json).toMatchObject({
      details: {
        message: 'Approve transfer?',
        fields: [
          { label: 'To', value: 'Bob & Co' },
          { label: 'Amount', value: '$12.50' },
        ],
      },
      hidden_details: { transferId: 't_123' },
      date_responded: null,
      expiration_date: expect.stringMatching(ISO),
      links: { notifications: `${t().sandbox.verifyUrl}${path}/${answer.json.sid}/Notifications` },
    })
    const notJson = await rawVerify(t(), 'POST', path, {
      form: { FactorSid: factor.sid, 'Details.Message': 'x', 'Details.Fields': 'To=Bob' },
    })
    expect(notJson.json).toMatchObject({ code: 60368, status: 400, message: expect.stringContaining('Details.Fields') })
  })

  it('lists in the v2 envelope: the records under meta.key, absolute links to the sandbox', async () => {
    const fresh = await startTestSandbox({ verify: TEST_VERIFY })
    try {
      for (const name of ['a', 'b', 'c']) await rawVerify(fresh, 'POST', '/v2/Services', { form: { FriendlyName: name } })
      const base = `${fresh.sandbox.verifyUrl}/v2/Services`
      const first = await rawVerify(fresh, 'GET', '/v2/Services?PageSize=2')
      const sids = first.json.services.map((s: { sid: string }) => s.sid)
      expect(first.json.meta).toEqual({
        page: 0,
        page_size: 2,
        first_page_url: `${base}?PageSize=2&Page=0`,
        previous_page_url: null,
        url: `${base}?PageSize=2&Page=0`,
        next_page_url: `${base}?PageSize=2&Page=1&PageToken=PA${sids[1]}`,
        key: 'services',
      })
      const second = await send('GET', first.json.meta.next_page_url, {
        headers: { authorization: `Basic ${Buffer.from(`${TEST_VERIFY.accountSid}:${TEST_VERIFY.authToken}`).toString('base64')}` },
      })
      expect(second.json.services.map((s: { friendly_name: string }) => s.friendly_name)).toEqual(['c'])
      expect(second.json.meta.next_page_url).toBeNull()
      const bad = await rawVerify(fresh, 'GET', '/v2/Services?PageSize=0')
      expect(bad.json).toMatchObject({ code: 60306, message: expect.stringContaining('PageSize') })
    } finally {
      await fresh.sandbox.close()
    }
  })

  it('refuses a body over 100 KB with 413', async () => {
    const answer = await rawVerify(t(), 'POST', '/v2/Services', { form: { FriendlyName: 'x'.repeat(120_000) } })
    expect(answer.status).toBe(413)
    expect(answer.json.code).toBe(20001)
  })

  it('keeps the API’s requests in the request log, with Twilio’s User-Agent', async () => {
    await verifyClientOf(t()).verify.v2.services.list()
    const [last] = await t().control.requests('/v2/Services')
    expect(last).toMatchObject({ method: 'GET', status: 200 })
    expect(last!.user_agent).toMatch(/^twilio-node\//)
  })
})

describe('startSandbox with the verify option', () => {
  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('serves the Verify API on a port of its own, and close() frees it', async () => {
    const sandbox = await startSandbox({ apiKey: TEST_KEY, log: () => {}, verify: TEST_VERIFY })
    expect(sandbox.verifyUrl).toBe(`http://127.0.0.1:${sandbox.verifyPort}`)
    expect(sandbox.verifyPort).not.toBe(sandbox.port)
    expect(sandbox.twilioUrl).toBeUndefined()
    expect((await send('GET', `${sandbox.verifyUrl}/`)).text).toContain('Twilio Verify-compatible sandbox')
    await sandbox.close()
    expect(await isPortFree(sandbox.verifyPort!)).toBe(true)
  })

  it('rejects with PortInUseError naming SANDBOX_VERIFY_PORT, and frees the other port', async () => {
    const busy = await occupyPort()
    try {
      const authyPort = await freePort()
      const error = await startSandbox({
        apiKey: TEST_KEY,
        port: authyPort,
        log: () => {},
        verify: { ...TEST_VERIFY, port: portOf(busy) },
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PortInUseError)
      expect((error as Error).message).toContain('SANDBOX_VERIFY_PORT')
      expect(await isPortFree(authyPort)).toBe(true)
    } finally {
      busy.close()
    }
  })

  it('keeps Services, factors and challenges across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-verify-'))
    dirs.push(dir)
    const dataFile = join(dir, 'sandbox.json')
    const first = await startTestSandbox({ dataFile, verify: TEST_VERIFY })
    const service = await verifyClientOf(first).verify.v2.services.create({ friendlyName: 'Kept' })
    const identity = nextIdentity()
    const phone = nextPhone()
    const factor = await first.control.verify.addPushFactor(identity, { country_code: 1, phone_number: phone })
    const challenge = await verifyClientOf(first).verify.v2.services(service.sid).entities(identity).challenges.create({
      factorSid: factor.sid,
      'details.message': 'Still here?',
    })
    await first.sandbox.close()

    const again = await startTestSandbox({ dataFile, verify: TEST_VERIFY })
    try {
      const read = await verifyClientOf(again).verify.v2.services(service.sid).entities(identity).challenges(challenge.sid).fetch()
      expect(read).toMatchObject({ status: 'pending', details: { message: 'Still here?' } })
      const { phone_url } = await again.control.verify.device(1, phone)
      expect(new URL(phone_url).pathname).toBe(new URL(factor.phone_url).pathname)
      expect(await (await fetch(phone_url)).text()).toContain('Still here?')
    } finally {
      await again.sandbox.close()
    }
  })

  it('opens a data file from before Verify with no Services', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-verify-'))
    dirs.push(dir)
    const dataFile = join(dir, 'sandbox.json')
    const { verify: _, ...before } = emptySandboxData(Date.now())
    writeFileSync(dataFile, JSON.stringify(before))
    const sandbox = await startTestSandbox({ dataFile, verify: TEST_VERIFY })
    try {
      expect(await verifyClientOf(sandbox).verify.v2.services.list()).toEqual([])
      expect(readdirSync(dir)).toEqual(['sandbox.json'])
      expect(sandbox.logs.filter((line) => line.includes('could not be read'))).toEqual([])
    } finally {
      await sandbox.sandbox.close()
    }
  })
})
