import { Hono } from 'hono'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BankEnv } from '../../shared/bank/http/bank-env.js'
import { formGuard } from '../../shared/bank/http/form-guard.js'
import { bankCookie, sessions } from '../../shared/bank/http/sessions.js'
import { useTempStores } from './support/temp-store.js'

// The form guard in a small app, behind the session middleware as in the bank, with no error
// page: a refusal answers 403 with the name of the check that refused.
const SECRET = 'form-guard-test-secret'
const ORIGIN = 'http://localhost'
const PUBLIC_ORIGIN = 'https://abc123.ngrok.io'

const stores = useTempStores()
let app: Hono<BankEnv>

beforeEach(async () => {
  const store = await stores.open()
  app = new Hono<BankEnv>()
  app.use('*', sessions({ cookie: bankCookie('test', SECRET), store, skip: () => false }))
  app.use('*', formGuard({ secret: SECRET, publicOrigin: PUBLIC_ORIGIN, exempt: ['/callback'] }))
  app.get('/form', (c) => c.text(c.get('csrfToken')))
  app.post('*', (c) => c.text('accepted'))
})

/** A browser's first page load: its session cookie and its forms' token. */
async function browser() {
  const page = await app.request('/form')
  return { cookie: page.headers.get('set-cookie')!.split(';')[0]!, token: await page.text() }
}

async function post(path: string, headers: Record<string, string>, form: Record<string, string>) {
  const reply = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  })
  return { status: reply.status, body: await reply.text() }
}

describe('the form guard', () => {
  it('accepts a form from this app’s own origin, or its public one, with the session’s token', async () => {
    const { cookie, token } = await browser()
    for (const origin of [ORIGIN, PUBLIC_ORIGIN]) {
      expect(await post('/transfers', { cookie, origin }, { csrf_token: token })).toEqual({
        status: 200,
        body: 'accepted',
      })
    }
  })

  it('refuses a form from its own origin without the token, saying the token is what is wrong', async () => {
    const { cookie } = await browser()
    expect(await post('/transfers', { cookie, origin: ORIGIN }, {})).toEqual({
      status: 403,
      body: 'csrf-token',
    })
  })

  it('refuses a form from another origin before it looks at the token', async () => {
    const { cookie, token } = await browser()
    const reply = await post(
      '/transfers',
      { cookie, origin: 'https://evil.example' },
      {
        csrf_token: token,
      }
    )
    expect(reply).toEqual({ status: 403, body: 'Forbidden' })
  })

  it('lets an exempt path through without origin or token', async () => {
    expect(await post('/callback', {}, {})).toEqual({ status: 200, body: 'accepted' })
  })
})
