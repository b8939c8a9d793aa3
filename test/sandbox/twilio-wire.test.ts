// The Twilio Messages API's exact bytes, where the official library hides them: content type,
// integer codes, string counts, RFC 2822 dates, relative paging links, key order.
import { describe, expect, it } from 'vitest'
import { SANDBOX_FROM_NUMBER } from '../../shared/sandbox/index.js'
import { ACCOUNT_PATH, basicAuth, nextPhone, TEST_TWILIO, useSandbox } from './support.js'

const RFC_2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/

describe('the Twilio Messages API on the wire', () => {
  const t = useSandbox({ twilio: TEST_TWILIO })
  const send = (form: Record<string, string | string[]>) =>
    t().twilioApi('POST', `${ACCOUNT_PATH}/Messages.json`, { form })

  it('answers a create with 201, compact JSON in Twilio’s key order, counts as strings, RFC 2822 dates', async () => {
    const to = `+1${nextPhone()}`
    const answer = await send({ To: to, From: SANDBOX_FROM_NUMBER, Body: 'Bytes' })
    expect(answer.status).toBe(201)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.text).not.toMatch(/\n|": /)
    expect(Object.keys(answer.json)).toEqual([
      'account_sid',
      'api_version',
      'body',
      'date_created',
      'date_sent',
      'date_updated',
      'direction',
      'error_code',
      'error_message',
      'from',
      'num_media',
      'num_segments',
      'price',
      'price_unit',
      'messaging_service_sid',
      'sid',
      'status',
      'subresource_uris',
      'to',
      'uri',
    ])
    expect(answer.text).toContain('"num_media":"0","num_segments":"1","price":null')
    expect(answer.text).toContain('"error_code":null,"error_message":null')
    expect(answer.json.date_created).toMatch(RFC_2822)
    expect(answer.json.date_sent).toBe(answer.json.date_created)
    expect(answer.json.date_updated).toBe(answer.json.date_created)
    expect(answer.json.uri).toMatch(
      /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\/SM[0-9a-f]{32}\.json$/
    )
  })

  it('answers errors in Twilio’s envelope with an integer code', async () => {
    const answer = await send({ To: '12345', From: SANDBOX_FROM_NUMBER, Body: 'x' })
    expect(answer.status).toBe(400)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.text).toBe(
      '{"code":21211,"message":"The \'To\' number 12345 is not a valid phone number.",' +
        '"more_info":"https://www.twilio.com/docs/errors/21211","status":400}'
    )
  })

  it('checks what is missing first: To (21604), then a sender (21603), then a body (21602)', async () => {
    expect((await send({})).json.code).toBe(21604)
    expect((await send({ To: 'nonsense' })).json.code).toBe(21603)
    expect((await send({ To: 'nonsense', From: SANDBOX_FROM_NUMBER })).json.code).toBe(21602)
    expect((await send({ To: 'nonsense', From: SANDBOX_FROM_NUMBER, Body: 'x' })).json.code).toBe(
      21211
    )
    expect((await send({})).json.message).toBe("A 'To' phone number is required.")
  })

  it('reads form fields only: a JSON body sends none, as on Twilio (21604)', async () => {
    const answer = await t().twilioApi('POST', `${ACCOUNT_PATH}/Messages.json`, {
      headers: { 'content-type': 'application/json' },
    })
    expect(answer.json).toMatchObject({ code: 21604, status: 400 })
  })

  it('refuses a body over 1600 characters (21617), and media that are not web links (21620)', async () => {
    const to = `+1${nextPhone()}`
    const long = await send({ To: to, From: SANDBOX_FROM_NUMBER, Body: 'a'.repeat(1601) })
    expect(long.json).toMatchObject({ code: 21617, status: 400 })
    expect((await send({ To: to, From: SANDBOX_FROM_NUMBER, Body: 'a'.repeat(1600) })).status).toBe(
      201
    )
    const media = await send({ To: to, From: SANDBOX_FROM_NUMBER, MediaUrl: 'file:///etc/passwd' })
    expect(media.json).toMatchObject({ code: 21620, status: 400 })
  })

  it('lists in the flat 2010 envelope, with relative paging links that keep the filters', async () => {
    const to = `+1${nextPhone()}`
    for (let i = 0; i < 3; i++) await send({ To: to, From: SANDBOX_FROM_NUMBER, Body: `l${i}` })
    const query = `To=${encodeURIComponent(to)}&PageSize=2`
    const first = await t().twilioApi('GET', `${ACCOUNT_PATH}/Messages.json?${query}`)
    expect(first.status).toBe(200)
    expect(Object.keys(first.json)).toEqual([
      'end',
      'first_page_uri',
      'next_page_uri',
      'page',
      'page_size',
      'previous_page_uri',
      'messages',
      'start',
      'uri',
    ])
    const list = `${ACCOUNT_PATH}/Messages.json`
    const lastSid = first.json.messages[1].sid
    expect(first.json).toMatchObject({
      end: 1,
      first_page_uri: `${list}?To=%2B${to.slice(1)}&PageSize=2&Page=0`,
      next_page_uri: `${list}?To=%2B${to.slice(1)}&PageSize=2&Page=1&PageToken=PA${lastSid}`,
      page: 0,
      page_size: 2,
      previous_page_uri: null,
      start: 0,
      uri: `${list}?To=%2B${to.slice(1)}&PageSize=2&Page=0`,
    })
    expect(first.json.messages.map((m: { body: string }) => m.body)).toEqual(['l2', 'l1'])
    expect(first.json.messages[0].status).toBe('delivered')
    expect(first.json.messages[0].num_segments).toBe('1')

    const second = await t().twilioApi('GET', first.json.next_page_uri)
    expect(second.json).toMatchObject({ page: 1, start: 2, end: 2, next_page_uri: null })
    expect(second.json.previous_page_uri).toMatch(/^\/2010-04-01\/.*&Page=0&PageToken=PBSM/)
    expect(second.json.messages.map((m: { body: string }) => m.body)).toEqual(['l0'])
  })

  it('uses 50 a page unless told, and takes up to 1000', async () => {
    const page = await t().twilioApi('GET', `${ACCOUNT_PATH}/Messages.json`)
    expect(page.json.page_size).toBe(50)
    const big = await t().twilioApi('GET', `${ACCOUNT_PATH}/Messages.json?PageSize=1000`)
    expect(big.json.page_size).toBe(1000)
    for (const bad of ['0', '1001', 'ten']) {
      const refused = await t().twilioApi('GET', `${ACCOUNT_PATH}/Messages.json?PageSize=${bad}`)
      expect(refused.status).toBe(400)
      expect(refused.json.code).toBe(20001)
    }
    for (const query of ['DateSent=yesterday', 'Page=-1', 'PageToken=PZ123']) {
      const refused = await t().twilioApi('GET', `${ACCOUNT_PATH}/Messages.json?${query}`)
      expect(refused.json, query).toMatchObject({ code: 20001, status: 400 })
    }
  })

  it('answers 401 / 20003 with a Basic challenge for missing, malformed or wrong credentials', async () => {
    const path = `${ACCOUNT_PATH}/Messages.json`
    for (const authorization of [
      undefined,
      'Bearer abc',
      'Basic !!!',
      basicAuth(TEST_TWILIO.accountSid, 'wrong-token'),
      basicAuth(`AC${'2'.repeat(32)}`, TEST_TWILIO.authToken),
    ]) {
      const answer = await t().twilioApi('GET', path, {
        headers: { authorization: authorization ?? '' },
      })
      expect(answer.status).toBe(401)
      expect(answer.headers['www-authenticate']).toBe('Basic realm="Twilio API"')
      expect(answer.json).toEqual({
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      })
    }
  })

  it('answers 20404 for a path it does not serve and 20004 for a method it does not take', async () => {
    const unknown = await t().twilioApi('GET', `${ACCOUNT_PATH}/Calls.json`)
    expect(unknown.status).toBe(404)
    expect(unknown.json).toMatchObject({
      code: 20404,
      message: `The requested resource ${ACCOUNT_PATH}/Calls.json was not found`,
    })
    const deleted = await t().twilioApi(
      'DELETE',
      `${ACCOUNT_PATH}/Messages/SM${'0'.repeat(32)}.json`
    )
    expect(deleted.json).toMatchObject({ code: 20004, status: 405 })
    expect((await t().twilioApi('GET', `${ACCOUNT_PATH}/Messages/SMabc.xml`)).status).toBe(404)
  })

  it('keeps the Twilio API off the Authy port, and the Authy API off the Twilio port', async () => {
    const onAuthy = await t().raw('GET', `${ACCOUNT_PATH}/Messages.json`)
    expect(onAuthy.status).toBe(404)
    expect(onAuthy.json.error_code).toBe('60000')
    const onTwilio = await t().twilioApi('GET', '/protected/json/app/details')
    expect(onTwilio.json).toMatchObject({ code: 20404, status: 404 })
    const control = await t().twilioApi('GET', '/sandbox/messages')
    expect(control.json).toMatchObject({ code: 20404 })
  })
})
