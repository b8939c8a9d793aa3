import { describe, expect, it } from 'vitest'
import { startTestBank, transferById, useTestBank } from './support/bank-harness.js'
import type { Visitor } from './support/visitor.js'

// A distinctive key, so any leak into a page or a log line is easy to find.
const API_KEY = 'sandbox-secret-key-for-the-leak-test-9f8e'

const bank = useTestBank({ inProcess: true, env: { SANDBOX_API_KEY: API_KEY } })
const visitors: Visitor[] = []
const visitor = (): Visitor => {
  const created = bank().visitor()
  visitors.push(created)
  return created
}

describe('sessions', () => {
  it('lets a browser see only its own transfers: another gets 404 and an empty list', async () => {
    const ada = visitor()
    await ada.register({ email: 'ada@example.com' })
    const { transferId } = await ada.sendTransfer({
      recipient_email: 'secret-recipient@example.com',
    })
    expect((await ada.get(`/transfers/${transferId}`)).status).toBe(200)

    const bob = visitor()
    await bob.register({ email: 'bob@example.com', phone_number: '555 765 4321' })
    const page = await bob.get(`/transfers/${transferId}`)
    expect(page.status).toBe(404)
    expect(page.body).not.toContain('secret-recipient@example.com')
    expect((await bob.get(`/transfers/${transferId}/events`)).status).toBe(404)
    expect((await bob.get('/transfers/new')).body).not.toContain('secret-recipient@example.com')

    // Signed out, the transfer's address leads to the sign-in, and still shows nothing of it.
    const stranger = visitor()
    const signedOut = await stranger.get(`/transfers/${transferId}`)
    expect(signedOut.status).toBe(303)
    expect(signedOut.location).toBe('/login')
  })

  it('gives a new session at registration, so the id seen before signing in is not the signed-in one', async () => {
    const ada = visitor()
    const first = await ada.get('/')
    const before = String(first.headers['set-cookie'])
    const registered = await ada.register()
    const after = String(registered.headers['set-cookie'])
    expect(after).toMatch(/^bank_session_solution=/)
    expect(after.split(';')[0]).not.toBe(before.split(';')[0])
    expect(after).toContain('HttpOnly')
    expect(after).toContain('SameSite=Lax')
  })

  it('ignores a session cookie with a forged signature', async () => {
    const page = await visitor().get('/transfers/new', {
      cookie: 'bank_session_solution=abc.forged',
    })
    expect(page.status).toBe(303)
    expect(page.location).toBe('/login')
  })

  it('starts over: the old session no longer sees its transfers', async () => {
    const ada = visitor()
    await ada.register()
    const { transferId } = await ada.sendTransfer()
    const out = await ada.post('/logout', {})
    expect(out.status).toBe(303)
    expect((await ada.get(`/transfers/${transferId}`)).location).toBe('/login')
  })
})

describe('cross-site request forgery', () => {
  const count = () =>
    bank().store.transfersWithStatus('pending').length +
    bank().store.transfersWithStatus('failed').length

  it('refuses a transfer without the form token, and stores nothing', async () => {
    const ada = visitor()
    await ada.register()
    const before = count()
    const reply = await ada.sendTransfer({}, { token: null })
    expect(reply.status).toBe(403)
    expect(reply.body).toContain('This form cannot be accepted')
    expect(count()).toBe(before)
  })

  it('refuses a transfer with another session’s token', async () => {
    const ada = visitor()
    await ada.register()
    const mallory = visitor()
    await mallory.register({ phone_number: '555 000 1111' })
    const before = count()
    const reply = await ada.sendTransfer({}, { token: await mallory.csrfToken() })
    expect(reply.status).toBe(403)
    expect(count()).toBe(before)
  })

  it('refuses a form posted from another site even with the right token', async () => {
    const ada = visitor()
    await ada.register()
    const before = count()
    const reply = await ada.sendTransfer({}, { origin: 'http://evil.example' })
    expect(reply.status).toBe(403)
    expect(count()).toBe(before)
  })

  it('refuses a registration without the token, and registers nobody', async () => {
    const someone = visitor()
    const reply = await someone.post(
      '/register',
      { email: 'x@example.com', country_code: '1', phone_number: '5550001234' },
      { token: null }
    )
    expect(reply.status).toBe(403)
    await expect(bank().sandbox!.control.findUser(1, '5550001234')).rejects.toThrow()
  })

  it('refuses "start over" from another site, keeping the session', async () => {
    const ada = visitor()
    await ada.register()
    const reply = await ada.post('/logout', {}, { origin: 'http://evil.example' })
    expect(reply.status).toBe(403)
    expect((await ada.get('/transfers/new')).status).toBe(200)
  })

  it('ignores a status sent by the browser', async () => {
    const ada = visitor()
    await ada.register()
    const { transferId } = await ada.sendTransfer({ status: 'approved' } as Record<string, string>)
    expect(transferById(bank(), transferId!)!.status).toBe('pending')
    const posted = await ada.post(`/transfers/${transferId}`, { status: 'approved' })
    expect(posted.status).toBe(404)
    expect(transferById(bank(), transferId!)!.status).toBe('pending')
  })
})

describe('forms behind an HTTPS proxy (AUTHY_CALLBACK_URL, e.g. ngrok)', () => {
  const PUBLIC = 'https://abc123.ngrok.io'

  it('accepts a form sent from the public origin of AUTHY_CALLBACK_URL, and still refuses others', async () => {
    const live = await startTestBank({
      inProcess: true,
      env: {
        AUTHY_API_KEY: API_KEY,
        AUTHY_API_URL: bank().sandbox!.url,
        AUTHY_CALLBACK_URL: `${PUBLIC}/authy/callback`,
      },
    })
    const ada = live.visitor()
    const fields = {
      email: 'ada@example.com',
      password: 'correct horse battery staple',
      country_code: '1',
      phone_number: '555 300 0001',
    }
    expect((await ada.post('/register', fields, { origin: 'https://evil.example' })).status).toBe(
      403
    )
    const registered = await ada.post('/register', fields, { origin: PUBLIC })
    expect(registered.status).toBe(303)
    expect(registered.location).toBe('/verify')
  })
})

describe('requests the app cannot read', () => {
  it('answers a multipart form without a boundary with 400 and a page, not a 500', async () => {
    const ada = visitor()
    await ada.register({ phone_number: '555 300 0002' })
    for (const contentType of ['multipart/form-data', 'multipart/form-data; boundary=XX']) {
      const response = await ada.raw(
        'POST',
        '/transfers',
        { origin: bank().url, 'content-type': contentType },
        'garbage'
      )
      expect(response.status).toBe(400)
      expect(response.body).toContain('This form could not be read')
    }
    expect(bank().logs.filter((line) => line.includes('unexpected error'))).toEqual([])
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers 404 for /assets/%s',
    async (name) => {
      expect((await visitor().get(`/assets/${name}`)).status).toBe(404)
    }
  )
})

describe('escaping', () => {
  const script = '<script>alert(1)</script>'

  it('rejects markup in the register form and shows it back escaped', async () => {
    const reply = await visitor().register({
      email: `${script}@example.com`,
      phone_number: `"><img src=x onerror=alert(1)>`,
    })
    expect(reply.status).toBe(400)
    expect(reply.body).not.toContain(script)
    expect(reply.body).not.toContain('<img src=x')
    expect(reply.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;@example.com')
  })

  it('rejects markup in the transfer form and shows it back escaped', async () => {
    const ada = visitor()
    await ada.register()
    const reply = await ada.sendTransfer({
      recipient_email: `"><img src=x onerror=alert(1)>`,
      account_number: script,
    })
    expect(reply.status).toBe(400)
    expect(reply.body).not.toContain(script)
    expect(reply.body).not.toContain('<img src=x')
    expect(reply.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
  })

  it('escapes an accepted address with an apostrophe everywhere it is shown', async () => {
    const ada = visitor()
    expect((await ada.register({ email: "o'brien@example.com" })).status).toBe(303)
    const { transferId } = await ada.sendTransfer({ recipient_email: "d'arcy@example.com" })
    const page = await ada.get(`/transfers/${transferId}`)
    expect(page.body).toContain('d&#39;arcy@example.com')
    expect(page.body).toContain('o&#39;brien@example.com')
    expect(page.body).not.toContain("d'arcy")
    expect((await ada.get('/transfers/new')).body).toContain('d&#39;arcy@example.com')
  })
})

describe('headers', () => {
  it('sends a content security policy with a script nonce, no objects and no base URI', async () => {
    const page = await visitor().get('/')
    const policy = String(page.headers['content-security-policy'])
    expect(policy).toMatch(/script-src 'nonce-[^']+'/)
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("base-uri 'none'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    // Browsers send Origin: null on same-origin posts under no-referrer.
    expect(page.headers['referrer-policy']).toBe('same-origin')
  })

  it('gives the live-status script the response’s nonce', async () => {
    const ada = visitor()
    await ada.register()
    const { transferId } = await ada.sendTransfer()
    const page = await ada.get(`/transfers/${transferId}`)
    const nonce = /script-src 'nonce-([^']+)'/.exec(
      String(page.headers['content-security-policy'])
    )![1]
    expect(page.body).toContain(`<script nonce="${nonce}" src="/assets/live-status.js"`)
  })
})

describe('the API key', () => {
  it('never appears in a page or a log line', async () => {
    const someone = visitor()
    await someone.get('/nowhere')
    await someone.register({ phone_number: 'not a phone' })
    await someone.register({ phone_number: '555 222 3333' })
    const { transferId } = await someone.sendTransfer()
    await someone.get(`/transfers/${transferId}`)
    await someone.get('/account')
    await someone.sendTransfer({}, { token: null })
    await bank().sandbox!.control.addFault({
      method: 'POST',
      path: '/onetouch/json/users/*/approval_requests',
      status: 401,
    })
    const failed = await someone.sendTransfer()
    await someone.get(failed.location!)
    expect(visitors.flatMap((v) => v.seen).filter((body) => body.includes(API_KEY))).toEqual([])
    expect(bank().logs.filter((line) => line.includes(API_KEY))).toEqual([])
    expect(visitors.flatMap((v) => v.seen).length).toBeGreaterThan(20)
  })
})
