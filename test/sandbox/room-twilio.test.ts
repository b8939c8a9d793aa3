// Each joined application's own Twilio account on the sandbox's Twilio API, with the official
// twilio library: its texts land in the room's phone inboxes, and it lists only its own.
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_PATH,
  basicAuth,
  joinAs,
  nextPhone,
  send,
  TEST_ROOM,
  TEST_TWILIO,
  twilioClientOf,
  useSandbox,
} from './support.js'

describe("a joined application's Twilio account", () => {
  const t = useSandbox({ room: TEST_ROOM, twilio: TEST_TWILIO })

  async function joinWithTwilio(name: string) {
    const joined = await joinAs(t(), name)
    const credentials = {
      accountSid: joined.twilio_account_sid!,
      authToken: joined.twilio_auth_token!,
    }
    return { ...joined, credentials, twilio: twilioClientOf(t(), credentials) }
  }

  it("sends a text that lands in the phone's inbox, from the number the join answer gave", async () => {
    const ada = await joinWithTwilio('Ada')
    const phone = nextPhone()
    const sent = await ada.twilio.messages.create({
      to: `+1${phone}`,
      from: ada.twilio_from_number!,
      body: 'You did it! Signup complete :)',
    })
    expect(sent).toMatchObject({ accountSid: ada.twilio_account_sid, status: 'queued' })
    const [text] = await t().control.messages(1, phone)
    expect(text).toMatchObject({
      channel: 'sms',
      body: 'You did it! Signup complete :)',
      from: '+15005550006',
      sid: sent.sid,
    })
  })

  it('lists and reads only its own texts; another account path is not found', async () => {
    const ada = await joinWithTwilio('Ada 2')
    const bob = await joinWithTwilio('Bob 2')
    const to = `+1${nextPhone()}`
    const adaText = await ada.twilio.messages.create({ to, from: '+15005550006', body: 'Ada' })
    await bob.twilio.messages.create({ to, from: '+15005550006', body: 'Bob' })
    await twilioClientOf(t()).messages.create({ to, from: '+15005550006', body: 'Own' })

    expect((await ada.twilio.messages.list({ to })).map((m) => m.body)).toEqual(['Ada'])
    expect((await bob.twilio.messages.list({ to })).map((m) => m.body)).toEqual(['Bob'])
    expect((await twilioClientOf(t()).messages.list({ to })).map((m) => m.body)).toEqual(['Own'])
    await expect(bob.twilio.messages(adaText.sid).fetch()).rejects.toMatchObject({ status: 404 })

    const auth = { authorization: basicAuth(bob.credentials.accountSid, bob.credentials.authToken) }
    for (const path of [
      `/2010-04-01/Accounts/${ada.twilio_account_sid}/Messages.json`,
      `${ACCOUNT_PATH}/Messages.json`,
    ]) {
      const answer = await send('GET', `${t().sandbox.twilioUrl}${path}`, { headers: auth })
      expect(answer.status, path).toBe(404)
      expect(answer.json.code, path).toBe(20404)
    }
  })

  it("takes the account's API key, and refuses its SID with another account's token", async () => {
    const ada = await joinWithTwilio('Ada 3')
    const bob = await joinWithTwilio('Bob 3')
    const phone = nextPhone()
    const withKey = twilioClientOf(t(), {
      accountSid: ada.twilio_account_sid!,
      apiKey: { sid: ada.twilio_api_key_sid!, secret: ada.twilio_api_key_secret! },
    })
    const to = `+1${phone}`
    const sent = await withKey.messages.create({ to, from: '+15005550006', body: 'K' })
    expect(sent.accountSid).toBe(ada.twilio_account_sid)
    expect((await t().control.messages(1, phone))[0]?.sid).toBe(sent.sid)

    const path = `/2010-04-01/Accounts/${ada.twilio_account_sid}/Messages.json`
    for (const [username, password] of [
      [ada.twilio_account_sid!, bob.twilio_auth_token!],
      [ada.twilio_api_key_sid!, bob.twilio_api_key_secret!],
    ]) {
      const wrong = await send('GET', `${t().sandbox.twilioUrl}${path}`, {
        headers: { authorization: basicAuth(username, password) },
      })
      expect(wrong.status, username).toBe(401)
      expect(wrong.json.code, username).toBe(20003)
    }
  })
})
