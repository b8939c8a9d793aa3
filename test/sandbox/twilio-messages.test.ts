// The sandbox's Twilio Messages API through the official `twilio` library, unchanged
// (shared/twilio/client.ts only points its HTTP client at the sandbox).
import twilio from 'twilio'
import { describe, expect, it } from 'vitest'
import { SANDBOX_ACCOUNT_SID, SANDBOX_FROM_NUMBER } from '../../shared/sandbox/index.js'
import { isTwilioError } from '../../shared/twilio/client.js'
import { nextPhone, startTestSandbox, TEST_TWILIO, twilioClientOf, useSandbox } from './support.js'

const FROM = SANDBOX_FROM_NUMBER
const RFC_2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/

/** What a failed call threw: Twilio's answer as the client's RestException. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught
  )
  if (!isTwilioError(error)) throw new Error(`Expected a RestException, got ${String(error)}`)
  return { status: error.status, code: error.code, message: error.message, more: error.moreInfo }
}

describe('the Twilio Messages API, through the official twilio library', () => {
  const t = useSandbox({ twilio: TEST_TWILIO })
  const client = () => twilioClientOf(t())

  it('sends a text: 201 and the message resource, every field as Twilio types it', async () => {
    const to = `+1${nextPhone()}`
    const before = Date.now() - 1000
    const message = await client().messages.create({ to, from: FROM, body: 'Hello! 👍' })
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/)
    expect(message).toMatchObject({
      accountSid: SANDBOX_ACCOUNT_SID,
      apiVersion: '2010-04-01',
      body: 'Hello! 👍',
      direction: 'outbound-api',
      errorCode: null,
      errorMessage: null,
      from: FROM,
      to,
      numMedia: '0',
      numSegments: '1',
      price: null,
      priceUnit: 'USD',
      messagingServiceSid: null,
      status: 'queued',
      uri: `/2010-04-01/Accounts/${SANDBOX_ACCOUNT_SID}/Messages/${message.sid}.json`,
      subresourceUris: {
        media: `/2010-04-01/Accounts/${SANDBOX_ACCOUNT_SID}/Messages/${message.sid}/Media.json`,
      },
    })
    // The client parsed the RFC 2822 dates into Dates: they were in the right format.
    for (const date of [message.dateCreated, message.dateSent, message.dateUpdated]) {
      expect(date).toBeInstanceOf(Date)
      expect(date.getTime()).toBeGreaterThanOrEqual(before - (before % 1000))
    }
  })

  it('reads a sent text back by SID, delivered', async () => {
    const sent = await client().messages.create({
      to: `+1${nextPhone()}`,
      from: FROM,
      body: 'Read me back',
    })
    const read = await client().messages(sent.sid).fetch()
    expect(read).toMatchObject({ sid: sent.sid, body: 'Read me back', status: 'delivered' })
    expect(read.dateCreated).toEqual(sent.dateCreated)
  })

  it('accepts a number written with spaces, and writes it back in E.164', async () => {
    const phone = nextPhone()
    const spaced = `+1 ${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`
    const message = await client().messages.create({
      to: spaced,
      from: '+1 500-555-0006',
      body: 'x',
    })
    expect(message.to).toBe(`+1${phone}`)
    expect(message.from).toBe(FROM)
  })

  it('counts the segments of a long text and of one that is not GSM-7', async () => {
    const to = `+1${nextPhone()}`
    const long = await client().messages.create({ to, from: FROM, body: 'a'.repeat(161) })
    expect(long.numSegments).toBe('2')
    const unicode = await client().messages.create({ to, from: FROM, body: 'ü'.repeat(70) + '👍' })
    expect(unicode.numSegments).toBe('2')
  })

  it('sends through the Messaging Service: accepted, from the account’s number', async () => {
    const { messaging_service_sid } = await t().control.twilio()
    const message = await client().messages.create({
      to: `+1${nextPhone()}`,
      messagingServiceSid: messaging_service_sid,
      body: 'Through the service',
    })
    expect(message).toMatchObject({
      status: 'accepted',
      messagingServiceSid: messaging_service_sid,
      from: FROM,
    })
  })

  it('sends media: an MM SID and num_media counting the URLs', async () => {
    const message = await client().messages.create({
      to: `+1${nextPhone()}`,
      from: FROM,
      mediaUrl: ['https://example.com/a.png', 'https://example.com/b.png'],
    })
    expect(message.sid).toMatch(/^MM[0-9a-f]{32}$/)
    expect(message.numMedia).toBe('2')
    expect(message.body).toBe('')
  })

  it('lists texts newest first, paging through several pages with list({ limit, pageSize })', async () => {
    const to = `+1${nextPhone()}`
    const bodies = Array.from({ length: 7 }, (_, i) => `Page test ${i}`)
    for (const body of bodies) await client().messages.create({ to, from: FROM, body })
    const asked = (await t().control.requests('/2010-04-01/*/Messages.json')).length

    const listed = await client().messages.list({ to, limit: 7, pageSize: 3 })
    expect(listed.map((m) => m.body)).toEqual([...bodies].reverse())
    expect(listed.every((m) => m.status === 'delivered')).toBe(true)
    // Three GET requests: pages of 3, 3 and 1.
    const requests = await t().control.requests('/2010-04-01/*/Messages.json')
    expect(requests.length - asked).toBe(3)
    expect(requests.slice(0, 3).every((r) => r.method === 'GET' && r.status === 200)).toBe(true)

    const some = await client().messages.list({ to, limit: 5, pageSize: 2 })
    expect(some.map((m) => m.body)).toEqual(bodies.slice(2).reverse())
  })

  it('pages by hand with page() and nextPage(), and back with previousPage()', async () => {
    const to = `+1${nextPhone()}`
    for (let i = 0; i < 5; i++) await client().messages.create({ to, from: FROM, body: `#${i}` })
    const first = await client().messages.page({ to, pageSize: 2 })
    expect(first.instances.map((m) => m.body)).toEqual(['#4', '#3'])
    const second = await first.nextPage()
    expect(second!.instances.map((m) => m.body)).toEqual(['#2', '#1'])
    // A text sent while paging does not shift the next page.
    await client().messages.create({ to, from: FROM, body: 'late' })
    const third = await second!.nextPage()
    expect(third!.instances.map((m) => m.body)).toEqual(['#0'])
    expect(third!.nextPage()).toBeUndefined()
    const back = await third!.previousPage()
    expect(back!.instances.map((m) => m.body)).toEqual(['#2', '#1'])
  })

  it('walks every text with each()', async () => {
    const to = `+1${nextPhone()}`
    for (let i = 0; i < 4; i++) await client().messages.create({ to, from: FROM, body: `e${i}` })
    const seen: string[] = []
    await client().messages.each({ to, pageSize: 1 }, (message) => {
      seen.push(message.body)
    })
    expect(seen).toEqual(['e3', 'e2', 'e1', 'e0'])
  })

  it('filters by From', async () => {
    const to = `+1${nextPhone()}`
    await client().messages.create({ to, from: FROM, body: 'from the number' })
    expect(await client().messages.list({ to, from: FROM })).toHaveLength(1)
    expect(await client().messages.list({ to, from: '+12015550999' })).toEqual([])
  })

  it('refuses an invalid To with 21211 and HTTP 400', async () => {
    expect(
      await refusal(client().messages.create({ to: '+1 282-23', from: FROM, body: 'x' }))
    ).toEqual({
      status: 400,
      code: 21211,
      message: "The 'To' number +1 282-23 is not a valid phone number.",
      more: 'https://www.twilio.com/docs/errors/21211',
    })
    const national = await refusal(
      client().messages.create({ to: '2015550123', from: FROM, body: 'x' })
    )
    expect(national).toMatchObject({ status: 400, code: 21211 })
  })

  it('refuses a text without a body (21602) or without a sender (21603)', async () => {
    const to = `+1${nextPhone()}`
    expect(await refusal(client().messages.create({ to, from: FROM }))).toMatchObject({
      status: 400,
      code: 21602,
      message: 'Message body is required.',
    })
    expect(await refusal(client().messages.create({ to, body: 'x' }))).toMatchObject({
      status: 400,
      code: 21603,
    })
  })

  it('refuses a From the account does not own (21606) and an unknown Messaging Service (21705)', async () => {
    const to = `+1${nextPhone()}`
    expect(
      await refusal(client().messages.create({ to, from: '+12015550999', body: 'x' }))
    ).toMatchObject({ status: 400, code: 21606 })
    expect(
      await refusal(
        client().messages.create({ to, messagingServiceSid: `MG${'0'.repeat(32)}`, body: 'x' })
      )
    ).toMatchObject({ status: 400, code: 21705 })
  })

  it('answers 20404 for a SID it does not know, naming the path', async () => {
    const sid = `SM${'0'.repeat(32)}`
    expect(await refusal(client().messages(sid).fetch())).toEqual({
      status: 404,
      code: 20404,
      message: `The requested resource /2010-04-01/Accounts/${SANDBOX_ACCOUNT_SID}/Messages/${sid}.json was not found`,
      more: 'https://www.twilio.com/docs/errors/20404',
    })
  })

  it('refuses a wrong Auth Token with 20003 and HTTP 401', async () => {
    const wrong = twilioClientOf(t(), { authToken: 'not-the-token-at-all' })
    expect(
      await refusal(wrong.messages.create({ to: `+1${nextPhone()}`, from: FROM, body: 'x' }))
    ).toEqual({
      status: 401,
      code: 20003,
      message: 'Authenticate',
      more: 'https://www.twilio.com/docs/errors/20003',
    })
    expect(await refusal(wrong.messages.list())).toMatchObject({ status: 401, code: 20003 })
  })

  it('takes the account’s API key: twilio(SK…, secret, { accountSid })', async () => {
    const { api_key_sid, api_key_secret } = await t().control.twilio()
    expect(api_key_sid).toMatch(/^SK[0-9a-f]{32}$/)
    const withKey = twilioClientOf(t(), { apiKey: { sid: api_key_sid, secret: api_key_secret } })
    const message = await withKey.messages.create({
      to: `+1${nextPhone()}`,
      from: FROM,
      body: 'Sent with an API key',
    })
    expect(message.accountSid).toBe(SANDBOX_ACCOUNT_SID)
    expect((await withKey.messages(message.sid).fetch()).body).toBe('Sent with an API key')

    const wrongSecret = twilioClientOf(t(), { apiKey: { sid: api_key_sid, secret: 'nope' } })
    expect(await refusal(wrongSecret.messages.list())).toMatchObject({ code: 20003 })
  })

  it('answers 20404 for another account’s path, even with good credentials', async () => {
    const { api_key_sid, api_key_secret } = await t().control.twilio()
    const other = `AC${'1'.repeat(32)}`
    const elsewhere = twilioClientOf(t(), {
      accountSid: other,
      apiKey: { sid: api_key_sid, secret: api_key_secret },
    })
    expect(await refusal(elsewhere.messages.list())).toMatchObject({
      status: 404,
      code: 20404,
      message: `The requested resource /2010-04-01/Accounts/${other}/Messages.json was not found`,
    })
  })

  it('is the library unchanged: the client is the twilio package’s own', () => {
    expect(client()).toBeInstanceOf(twilio.Twilio)
  })
})

describe('the Twilio Messages API with a clock', () => {
  it('filters by the day sent, and on or before / on or after a date', async () => {
    let now = Date.UTC(2026, 0, 2, 10, 0, 0)
    const t = await startTestSandbox({ twilio: TEST_TWILIO, now: () => now })
    try {
      const client = twilioClientOf(t)
      const to = `+1${nextPhone()}`
      await client.messages.create({ to, from: FROM, body: 'Jan 2' })
      now = Date.UTC(2026, 0, 3, 23, 59, 59)
      await client.messages.create({ to, from: FROM, body: 'Jan 3' })
      now = Date.UTC(2026, 0, 4, 0, 0, 0)
      await client.messages.create({ to, from: FROM, body: 'Jan 4' })

      const bodies = async (filter: Parameters<typeof client.messages.list>[0]) =>
        (await client.messages.list({ to, ...filter })).map((m) => m.body)
      expect(await bodies({ dateSent: new Date(Date.UTC(2026, 0, 3, 8)) })).toEqual(['Jan 3'])
      expect(await bodies({ dateSentAfter: new Date(Date.UTC(2026, 0, 3)) })).toEqual([
        'Jan 4',
        'Jan 3',
      ])
      expect(await bodies({ dateSentBefore: new Date(Date.UTC(2026, 0, 3, 23, 59, 59)) })).toEqual([
        'Jan 3',
        'Jan 2',
      ])
      const [jan2] = await client.messages.list({ to, dateSent: new Date(Date.UTC(2026, 0, 2)) })
      expect(jan2!.dateSent.toISOString()).toBe('2026-01-02T10:00:00.000Z')
    } finally {
      await t.sandbox.close()
    }
  })
})
