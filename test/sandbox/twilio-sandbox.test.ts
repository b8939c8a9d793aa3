// startSandbox's Twilio API: its own port next to the Authy API's, one state for both, kept across
// restarts; and the small parts it is built from.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PortInUseError, SANDBOX_FROM_NUMBER, startSandbox } from '../../shared/sandbox/index.js'
import { rfc2822 } from '../../shared/sandbox/domain/clock.js'
import { parseInternationalNumber } from '../../shared/sandbox/domain/phone-numbers.js'
import { emptySandboxData } from '../../shared/sandbox/domain/store-schema.js'
import { twilioAccount } from '../../shared/sandbox/domain/twilio/account.js'
import {
  sendTwilioMessage,
  TWILIO_MESSAGE_LIMIT,
} from '../../shared/sandbox/domain/twilio/messages.js'
import { smsSegments } from '../../shared/sandbox/domain/twilio/segments.js'
import {
  freePort,
  isPortFree,
  nextPhone,
  occupyPort,
  portOf,
  registerUser,
  sandboxV1Fixture,
  send,
  startTestSandbox,
  TEST_KEY,
  TEST_TWILIO,
  twilioClientOf,
} from './support.js'

describe('startSandbox with the twilio option', () => {
  const dirs: string[] = []
  const dataFileIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-twilio-'))
    dirs.push(dir)
    return join(dir, 'sandbox.json')
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('serves the Twilio API on a second port of the same host, and close() frees both', async () => {
    const sandbox = await startSandbox({ apiKey: TEST_KEY, log: () => {}, twilio: TEST_TWILIO })
    expect(sandbox.twilioUrl).toBe(`http://127.0.0.1:${sandbox.twilioPort}`)
    expect(sandbox.twilioPort).not.toBe(sandbox.port)
    const home = await send('GET', `${sandbox.twilioUrl}/`)
    expect(home.text).toContain('Twilio-compatible sandbox')
    await sandbox.close()
    expect(await isPortFree(sandbox.port)).toBe(true)
    expect(await isPortFree(sandbox.twilioPort!)).toBe(true)
  })

  it('listens on the Twilio port it is given', async () => {
    const port = await freePort()
    const sandbox = await startSandbox({
      apiKey: TEST_KEY,
      log: () => {},
      twilio: { ...TEST_TWILIO, port },
    })
    expect(sandbox.twilioPort).toBe(port)
    await sandbox.close()
  })

  it('rejects with PortInUseError naming SANDBOX_TWILIO_PORT, and frees the Authy port it took', async () => {
    const busy = await occupyPort()
    const port = portOf(busy)
    try {
      const authyPort = await freePort()
      const error = await startSandbox({
        apiKey: TEST_KEY,
        port: authyPort,
        log: () => {},
        twilio: { ...TEST_TWILIO, port },
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PortInUseError)
      expect((error as Error).message).toContain(`Port ${port} is already in use`)
      expect((error as Error).message).toContain('SANDBOX_TWILIO_PORT')
      expect((error as Error).message).toContain("the sandbox's Twilio API")
      expect(await isPortFree(authyPort)).toBe(true)
    } finally {
      busy.close()
    }
  })

  it('refuses an Account SID the official client would refuse, at once', async () => {
    await expect(
      startSandbox({
        apiKey: TEST_KEY,
        log: () => {},
        twilio: { accountSid: 'SK0123', authToken: 'whatever-token-1234' },
      })
    ).rejects.toThrow(/twilio\.accountSid "SK0123" must be AC and 32 hexadecimal characters/)
  })

  it('takes texts from the number in its options and from Twilio’s test number', async () => {
    const t = await startTestSandbox({ twilio: { ...TEST_TWILIO, fromNumber: '+1 201-555-0100' } })
    try {
      const client = twilioClientOf(t)
      const to = `+1${nextPhone()}`
      for (const from of ['+12015550100', SANDBOX_FROM_NUMBER])
        expect((await client.messages.create({ to, from, body: 'x' })).from).toBe(from)
      expect((await t.control.twilio()).from_numbers).toEqual(['+12015550100', SANDBOX_FROM_NUMBER])
    } finally {
      await t.sandbox.close()
    }
  })

  it('keeps texts, their inbox entries and the API key across a restart', async () => {
    const dataFile = dataFileIn()
    const first = await startTestSandbox({ dataFile, twilio: TEST_TWILIO })
    const { phone } = await registerUser(first)
    const sent = await twilioClientOf(first).messages.create({
      to: `+1${phone}`,
      from: SANDBOX_FROM_NUMBER,
      body: 'Survive a restart',
    })
    const key = await first.control.twilio()
    await first.sandbox.close()
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).twilio_messages).toHaveLength(1)

    const second = await startTestSandbox({ dataFile, twilio: TEST_TWILIO })
    try {
      const client = twilioClientOf(second)
      expect(await client.messages(sent.sid).fetch()).toMatchObject({
        body: 'Survive a restart',
        status: 'delivered',
        dateCreated: sent.dateCreated,
      })
      expect((await client.messages.list({ to: `+1${phone}` })).map((m) => m.sid)).toEqual([
        sent.sid,
      ])
      expect((await second.control.messages(1, phone))[0]).toMatchObject({
        sid: sent.sid,
        from: SANDBOX_FROM_NUMBER,
      })
      expect(await second.control.twilio()).toEqual(key)
    } finally {
      await second.sandbox.close()
    }
  })

  it('loads a file written before Twilio texts: no texts, and inbox messages from no one', async () => {
    const dataFile = dataFileIn()
    // A file of version 1 (one application), from before the Twilio API.
    const saved = sandboxV1Fixture()
    delete saved.twilio_messages
    for (const message of saved.messages) {
      delete message.from
      delete message.sid
    }
    writeFileSync(dataFile, JSON.stringify(saved))

    const second = await startTestSandbox({ dataFile, twilio: TEST_TWILIO })
    try {
      expect(second.logs.some((line) => line.includes('could not be read'))).toBe(false)
      const [sms] = await second.control.messages(1, '2015550124')
      expect(sms).toMatchObject({ channel: 'sms', from: null, sid: null })
      expect(await twilioClientOf(second).messages.list()).toEqual([])
    } finally {
      await second.sandbox.close()
    }
  })

  it('shows only its own account’s texts when the same file serves another Account SID', async () => {
    const dataFile = dataFileIn()
    const first = await startTestSandbox({ dataFile, twilio: TEST_TWILIO })
    await twilioClientOf(first).messages.create({
      to: `+1${nextPhone()}`,
      from: SANDBOX_FROM_NUMBER,
      body: 'For the first account',
    })
    await first.sandbox.close()
    const other = { accountSid: `AC${'ab'.repeat(16)}`, authToken: 'another-token-5678' }
    const second = await startTestSandbox({ dataFile, twilio: other })
    try {
      expect(await twilioClientOf(second, other).messages.list()).toEqual([])
    } finally {
      await second.sandbox.close()
    }
  })
})

describe('the Twilio building blocks', () => {
  it('write dates as RFC 2822 with +0000', () => {
    expect(rfc2822(Date.UTC(2023, 7, 24, 5, 1, 45))).toBe('Thu, 24 Aug 2023 05:01:45 +0000')
    expect(rfc2822(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('Fri, 02 Jan 2026 03:04:05 +0000')
  })

  it('read numbers in international form, with separators, and nothing else', () => {
    expect(parseInternationalNumber('+1 (201) 555-0123')).toEqual({
      phone: { countryCode: 1, cellphone: '2015550123' },
      e164: '+12015550123',
    })
    for (const text of ['2015550123', '+1 282-23', 'whatsapp:+12015550123', '+1 201 555 0123 x5'])
      expect(parseInternationalNumber(text), text).toBeUndefined()
  })

  it('count segments as carriers do: GSM-7 160/153, UCS-2 70/67', () => {
    expect(smsSegments('')).toBe(1)
    expect(smsSegments('a'.repeat(160))).toBe(1)
    expect(smsSegments('a'.repeat(161))).toBe(2)
    expect(smsSegments('{'.repeat(80))).toBe(1)
    expect(smsSegments('{'.repeat(81))).toBe(2)
    expect(smsSegments('👍'.repeat(35))).toBe(1)
    expect(smsSegments('👍'.repeat(36))).toBe(2)
  })

  it(`keep the newest ${TWILIO_MESSAGE_LIMIT} texts`, () => {
    const data = emptySandboxData(Date.now())
    const account = twilioAccount({ ...TEST_TWILIO, fromNumbers: [SANDBOX_FROM_NUMBER] })
    const request = { to: '+12015550123', from: SANDBOX_FROM_NUMBER, body: 'x', mediaUrls: [] }
    for (let i = 0; i < TWILIO_MESSAGE_LIMIT; i++) sendTwilioMessage(data, account, request, i)
    const oldest = data.twilio_messages[0]!.sid
    sendTwilioMessage(data, account, request, TWILIO_MESSAGE_LIMIT)
    expect(data.twilio_messages).toHaveLength(TWILIO_MESSAGE_LIMIT)
    expect(data.twilio_messages.some((m) => m.sid === oldest)).toBe(false)
    // The phone's inbox is bounded on its own terms (50 a phone).
    expect(data.messages).toHaveLength(50)
  })

  it('derive the API key from the Auth Token: the same token, the same key', () => {
    const a = twilioAccount({ ...TEST_TWILIO, fromNumbers: [SANDBOX_FROM_NUMBER] })
    const b = twilioAccount({ ...TEST_TWILIO, fromNumbers: [SANDBOX_FROM_NUMBER] })
    const c = twilioAccount({ ...TEST_TWILIO, authToken: 'other', fromNumbers: [] })
    expect(a.apiKey).toEqual(b.apiKey)
    expect(c.apiKey.sid).not.toBe(a.apiKey.sid)
  })
})
