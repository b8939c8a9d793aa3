import { describe, expect, it } from 'vitest'
import { nextPhone, registerUser, useSandbox, type TestSandbox } from './support.js'

/** Every message the sandbox speaks for one locale: the answers and what reaches the phone. */
async function everything(t: TestSandbox, locale: string | undefined) {
  const query = locale === undefined ? '' : `locale=${encodeURIComponent(locale)}`
  const { id, phone } = await registerUser(t, { withApp: true })
  const inbox = async () => (await t.control.messages(1, phone))[0]!
  const sms = (await t.api('GET', `/protected/json/sms/${id}?force=true&${query}`)).json.message
  const smsBody = (await inbox()).body
  const call = (await t.api('GET', `/protected/json/call/${id}?force=true&${query}`)).json.message
  const callBody = (await inbox()).body
  const email = (await t.api('POST', `/protected/json/email/${id}?${query}`)).json.message
  const emailBody = (await inbox()).body
  const ignored = (await t.api('GET', `/protected/json/sms/${id}?${query}`)).json.message
  const callIgnored = (await t.api('GET', `/protected/json/call/${id}?${query}`)).json.message
  const start = async (via: string) => {
    const other = nextPhone()
    const answer = await t.api(
      'POST',
      `/protected/json/phones/verification/start?via=${via}&country_code=1&phone_number=${other}&${query}`
    )
    return { message: answer.json.message, body: (await t.control.messages(1, other))[0]!.body }
  }
  const verifySms = await start('sms')
  const verifyCall = await start('call')
  return {
    sms,
    smsBody,
    call,
    callBody,
    email,
    emailBody,
    ignored,
    callIgnored,
    verifySms: verifySms.message,
    verifySmsBody: verifySms.body,
    verifyCall: verifyCall.message,
    verifyCallBody: verifyCall.body,
  }
}

describe('the sandbox speaks the locale a request asks for', () => {
  const t = useSandbox()

  it('speaks Spanish with locale=es, with the real words for a verification call', async () => {
    const said = await everything(t(), 'es')
    expect(said.sms).toBe('Código enviado por SMS')
    expect(said.smsBody).toMatch(/^Tu código de Sandbox App es: \d{7}$/)
    expect(said.call).toBe('Llamada iniciada...')
    expect(said.callBody).toMatch(/^Llamada de Sandbox App: "Tu código es (\d ){6}\d\. /)
    expect(said.verifyCall).toMatch(/^Llamada a \+1 201-555-\d{4} fue iniciada\.$/)
    expect(said.verifySms).toMatch(/^Mensaje de texto enviado a \+1 201-555-\d{4}\.$/)
    expect(said.verifySmsBody).toMatch(/^Tu código de verificación de Sandbox App es: \d{4}$/)
  })

  it.each([['es'], ['fr'], ['de'], ['pt'], ['it']])(
    'says every message in %s, never in English',
    async (locale) => {
      const english = await everything(t(), undefined)
      const said = await everything(t(), locale)
      for (const key of Object.keys(english) as (keyof typeof english)[]) {
        const strip = (text: string) => text.replace(/[\d ]+/g, '#')
        expect(strip(said[key]), key).not.toBe(strip(english[key]))
        expect(said[key].length, key).toBeLessThan(160)
      }
    }
  )

  it('speaks English without a locale and for one it does not know, and reads a region', async () => {
    const english = await everything(t(), undefined)
    expect(english.sms).toBe('SMS token was sent')
    expect(english.smsBody).toMatch(/^Your Sandbox App token is: \d{7}$/)
    expect(english.verifyCall).toMatch(/^Call to \+1 201-555-\d{4} initiated$/)
    const unknown = await everything(t(), 'xx')
    expect(unknown.sms).toBe('SMS token was sent')
    expect(unknown.ignored).toBe(english.ignored)
    const mexican = await everything(t(), 'es-MX')
    expect(mexican.sms).toBe('Código enviado por SMS')
  })
})
