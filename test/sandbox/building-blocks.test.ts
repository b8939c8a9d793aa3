import { describe, expect, it } from 'vitest'
import { parseRailsParams } from '../../shared/authy/rails-params.js'
import { reachableUrls, lanAddress } from '../../shared/runtime/hosts.js'
import { parseRequestParams } from '../../shared/sandbox/authy-api/request-params.js'
import { timeUuid } from '../../shared/sandbox/domain/identifiers.js'
import {
  formatPhone,
  maskForDelivery,
  checkPhone,
} from '../../shared/sandbox/domain/phone-numbers.js'
import { matchTotp, totpSecondsLeft, totpToken } from '../../shared/sandbox/domain/totp.js'
import { compilePathPattern } from '../../shared/sandbox/domain/url-pattern.js'
import { readSandboxSettings, SandboxEnvironmentError } from '../../shared/sandbox/environment.js'
import { createSandboxApp } from '../../shared/sandbox/index.js'
import { formatDuration } from '../../shared/sandbox/phone/format-duration.js'

// RFC 6238 appendix B, SHA-1 rows: secret "12345678901234567890", 30 s steps, 8 digits.
const RFC_SECRET = Buffer.from('12345678901234567890').toString('hex')
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
]

describe('the sandbox TOTP', () => {
  it.each(RFC_VECTORS)('matches the RFC 6238 test vector at T=%i', (seconds, expected) => {
    expect(totpToken(RFC_SECRET, seconds * 1000, { periodSeconds: 30, digits: 8 })).toBe(expected)
  })

  it('accepts the previous and next step but not two steps away', () => {
    const now = 1_700_000_000_000
    const at = (offset: number) => totpToken(RFC_SECRET, now + offset * 20_000)
    expect(matchTotp(RFC_SECRET, at(-1), now)).not.toBeNull()
    expect(matchTotp(RFC_SECRET, at(1), now)).not.toBeNull()
    expect(matchTotp(RFC_SECRET, at(2), now)).toBeNull()
    expect(matchTotp(RFC_SECRET, at(0).slice(1), now)).toBeNull()
  })

  it('counts the seconds left in the current 20 s step', () => {
    expect(totpSecondsLeft(40_000)).toBe(20)
    expect(totpSecondsLeft(45_500)).toBe(15)
  })
})

describe('the sandbox request parameter parser', () => {
  it('merges query and body, the query winning as in Rails, and takes api_key out of both', () => {
    const parsed = parseRequestParams(
      '?api_key=q&a=1&b=1',
      'b=2&api_key=b&c[]=x',
      'application/x-www-form-urlencoded'
    )
    expect(parsed).toEqual({
      params: { a: '1', b: '1', c: ['x'] },
      queryApiKey: 'q',
      bodyApiKey: 'b',
    })
  })

  it('reads a body without content type as JSON when it looks like JSON, else as a form', () => {
    expect(parseRequestParams('', '{"a":{"b":1}}', '').params).toEqual({ a: { b: 1 } })
    expect(parseRequestParams('', 'a[b]=1', 'text/plain').params).toEqual({ a: { b: '1' } })
  })

  it('refuses multipart bodies with a clear message', () => {
    expect(() => parseRequestParams('', 'x', 'multipart/form-data; boundary=x')).toThrow(
      /multipart/
    )
  })

  it('never lets bracket parameters reach Object.prototype', () => {
    parseRailsParams(
      '__proto__[polluted]=yes&a[__proto__][polluted]=yes&constructor[prototype][polluted]=yes'
    )
    parseRequestParams('?constructor[prototype][polluted]=yes', '', '')
    for (const [query, body] of [
      ['?__proto__[polluted]=yes', ''],
      ['', '{"__proto__":{"polluted":"yes"}}'],
    ]) {
      expect(() => parseRequestParams(query, body, 'application/json')).toThrow(/__proto__/)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('the sandbox identifiers and phone numbers', () => {
  it('makes version 1 UUIDs whose timestamp is the creation time', () => {
    const ms = Date.UTC(2026, 10, 22, 12, 0, 0)
    const uuid = timeUuid(ms)
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const [low, mid, high] = uuid.split('-')
    const ticks = BigInt(`0x${high.slice(1)}${mid}${low}`)
    const back = Number((ticks - 122_192_928_000_000_000n) / 10_000n)
    expect(back).toBe(ms)
    expect(timeUuid(ms)).not.toBe(uuid)
  })

  it('checks phones per country and masks them like Authy', () => {
    expect(checkPhone('1', ' (201) 555-0123 ')).toEqual({
      ok: true,
      phone: { countryCode: 1, cellphone: '2015550123' },
    })
    expect(checkPhone(1, 2015550123)).toMatchObject({ ok: true })
    expect(checkPhone('+57', '300 123 4512')).toMatchObject({ ok: true })
    expect(checkPhone('1', '201/555')).toEqual({ ok: false, invalid: ['cellphone'] })
    expect(checkPhone('1', '3001')).toEqual({ ok: false, invalid: ['cellphone'] })
    for (const code of ['0', 'US', '999', ''])
      expect(checkPhone(code, '2015550123')).toEqual({ ok: false, invalid: ['country_code'] })
    expect(checkPhone('', '')).toEqual({ ok: false, invalid: ['country_code', 'cellphone'] })
    expect(maskForDelivery(54, '1155550102')).toBe('+54-XXX-XXX-XX02')
    expect(formatPhone(1, '2015550123')).toBe('+1 201-555-0123')
  })

  it('turns * into "any run of characters" and keeps everything else literal', () => {
    expect(compilePathPattern('/a/*/c')('/a/b/x/c')).toBe(true)
    expect(compilePathPattern('/a.b')('/aXb')).toBe(false)
    expect(compilePathPattern('/a(b)?')('/a(b)?')).toBe(true)
    expect(compilePathPattern('*')('')).toBe(true)
    expect(compilePathPattern('/a/**/c')('/a/b/c')).toBe(true)
    expect(compilePathPattern('*b*b*')('/ab')).toBe(false)
    expect(compilePathPattern('/ab*ba')('/aba')).toBe(false)
    expect(compilePathPattern('/x*y*z')('/x-y-y-z')).toBe(true)
    expect(compilePathPattern('/x*y*z')('/x-z-y')).toBe(false)
  })

  it('matches patterns full of stars against a long path at once, without backtracking', () => {
    const poll = '/onetouch/json/approval_requests/f0d4884f-e689-11f1-893a-a92064218889'
    expect(compilePathPattern('*a'.repeat(7) + '*!')(poll)).toBe(false)
    expect(compilePathPattern('*'.repeat(400) + 'Z')(poll)).toBe(false)
    expect(compilePathPattern('*a*a*a*a*a*!')('/' + 'a'.repeat(100_000))).toBe(false)
    expect(compilePathPattern('*a*a*a*a*9')(poll)).toBe(true)
  })

  it('formats time left like the phone page', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(599)).toBe('9:59')
    expect(formatDuration(86_400)).toBe('24 h 00 min')
  })
})

describe('the sandbox addresses and settings', () => {
  it('gives phones the LAN address when listening on every interface', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: 'fe80::1', family: 'IPv6', internal: false },
        { address: '192.168.1.20', family: 'IPv4', internal: false },
      ],
    } as unknown as Parameters<typeof lanAddress>[0]
    expect(lanAddress(interfaces)).toBe('192.168.1.20')
    expect(reachableUrls('0.0.0.0', 4200, () => '192.168.1.20')).toEqual({
      url: 'http://127.0.0.1:4200',
      publicUrl: 'http://192.168.1.20:4200',
    })
    expect(reachableUrls('127.0.0.1', 4200, () => '192.168.1.20').publicUrl).toBe(
      'http://127.0.0.1:4200'
    )
    expect(reachableUrls('0.0.0.0', 4200, () => undefined).publicUrl).toBe('http://127.0.0.1:4200')
  })

  it('reads the defaults and the SANDBOX_*, TWILIO_AUTH_TOKEN and VERIFY_* overrides', () => {
    expect(readSandboxSettings({}, '/repo')).toEqual({
      port: 4200,
      twilioPort: 4202,
      verifyPort: 4203,
      host: '127.0.0.1',
      // No SANDBOX_API_KEY or TWILIO_AUTH_TOKEN: the data folder's own, read when it starts.
      apiKey: undefined,
      twilioAuthToken: undefined,
      // No VERIFY_*: Verify serves the Messages account.
      verifyAccountSid: undefined,
      verifyAuthToken: undefined,
      dataDir: '/repo/.data/sandbox',
      dataFile: '/repo/.data/sandbox/sandbox.json',
    })
    expect(
      readSandboxSettings(
        {
          SANDBOX_PORT: '4300',
          SANDBOX_TWILIO_PORT: '4302',
          SANDBOX_VERIFY_PORT: '4303',
          VERIFY_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
          VERIFY_AUTH_TOKEN: 'a-verify-token-of-sixteen',
          SANDBOX_HOST: '0.0.0.0',
          SANDBOX_API_KEY: 'my-key-123',
          SANDBOX_DATA_DIR: '/tmp/x',
          TWILIO_AUTH_TOKEN: 'a-token-of-sixteen-or-more',
        },
        '/repo'
      )
    ).toEqual({
      port: 4300,
      twilioPort: 4302,
      verifyPort: 4303,
      host: '0.0.0.0',
      apiKey: 'my-key-123',
      twilioAuthToken: 'a-token-of-sixteen-or-more',
      verifyAccountSid: 'AC0123456789abcdef0123456789abcdef',
      verifyAuthToken: 'a-verify-token-of-sixteen',
      dataDir: '/tmp/x',
      dataFile: '/tmp/x/sandbox.json',
    })
  })

  it.each([
    ['SANDBOX_PORT', 'abc'],
    ['SANDBOX_PORT', '70000'],
    ['SANDBOX_HOST', 'bad host'],
    ['SANDBOX_API_KEY', 'short'],
    ['SANDBOX_TWILIO_PORT', '-1'],
    ['TWILIO_AUTH_TOKEN', 'has a space in it'],
    ['SANDBOX_VERIFY_PORT', '65536'],
    ['VERIFY_ACCOUNT_SID', 'SK0123456789abcdef0123456789abcdef'],
    ['VERIFY_AUTH_TOKEN', 'short'],
  ])('names %s=%s as the bad variable', (name, value) => {
    let error: unknown
    try {
      readSandboxSettings({ [name]: value }, '/repo')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SandboxEnvironmentError)
    expect((error as Error).message).toMatch(new RegExp(`^${name}=`))
    expect((error as Error).message).toContain('.env')
  })
})

describe('createSandboxApp', () => {
  it('builds the app and its state without listening, usable through app.request', async () => {
    const logs: string[] = []
    const { app, context, close } = await createSandboxApp({
      apiKey: 'unit-key-123',
      publicUrl: 'http://phone.example',
      log: (line) => logs.push(line),
    })
    const headers = { 'X-Authy-API-Key': 'unit-key-123', 'content-type': 'application/json' }
    const created = await app.request('/protected/json/users/new', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        user: { email: 'u@example.com', cellphone: '2015550100', country_code: 1 },
      }),
    })
    expect(created.status).toBe(200)
    expect(context.store.data.users).toHaveLength(1)
    expect(logs.join('\n')).toContain('http://phone.example/phone/')
    expect((await app.request('/protected/json/app/details')).status).toBe(401)
    await close()
  })
})
