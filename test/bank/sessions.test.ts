import { Hono } from 'hono'
import { generateSignedCookie } from 'hono/cookie'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BankContext, BankEnv } from '../../shared/bank/http/bank-env.js'
import {
  bankCookie,
  csrfToken,
  sessions,
  signInAs,
  signOut,
} from '../../shared/bank/http/sessions.js'
import type { BankStore } from '../../shared/bank/store/store.js'
import { aUser, useTempStores } from './support/temp-store.js'

// The session middleware and sign-in/out, in a small app over a real store: each route answers
// what the middleware made of the request.
const SECRET = 'session-test-secret'
const cookie = bankCookie('test', SECRET)
const SESSION_ID = /^[\w-]{43}$/

const stores = useTempStores()
let store: BankStore
let app: Hono<BankEnv>

beforeEach(async () => {
  store = await stores.open()
  await store.addUser(aUser({ id: 'u1' }))
  await store.addUser(aUser({ id: 'u2', authyId: 2 }))
  app = new Hono<BankEnv>()
  app.use('*', sessions({ cookie, store, skip: (path) => path.startsWith('/assets/') }))
  app.post('/sign-in/:userId', async (c) => {
    await signInAs(c, cookie, store, c.req.param('userId'))
    return c.json(seen(c))
  })
  app.post('/sign-out', async (c) => {
    await signOut(c, cookie, store)
    return c.json(seen(c))
  })
  app.all('*', (c) => c.json(seen(c)))
})

function seen(c: BankContext) {
  return {
    sessionId: c.get('sessionId') ?? null,
    userId: c.get('user')?.id ?? null,
    csrfToken: c.get('csrfToken'),
  }
}

/** One request; `cookie` is what the browser sends back (`name=value.signature`). */
async function visit(method: string, path: string, sent?: string) {
  const response = await app.request(path, { method, headers: sent ? { cookie: sent } : {} })
  const setCookie = response.headers.get('set-cookie') ?? undefined
  return {
    setCookie,
    cookie: setCookie?.split(';')[0],
    seen: method === 'HEAD' ? undefined : ((await response.json()) as ReturnType<typeof seen>),
  }
}

describe('the session middleware', () => {
  it('gives a page load without a cookie a new session: HttpOnly, SameSite=Lax, site-wide, for 12 hours', async () => {
    const first = await visit('GET', '/')
    expect(first.seen!.sessionId).toMatch(SESSION_ID)
    expect(first.seen!.userId).toBeNull()
    expect(first.seen!.csrfToken).toBe(csrfToken(SECRET, first.seen!.sessionId!))
    const attributes = first.setCookie!.split('; ').slice(1)
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax'])
  })

  it('gives a HEAD request a session too', async () => {
    expect((await visit('HEAD', '/')).setCookie).toMatch(/^bank_session_test=/)
  })

  it('gives none to a post without a cookie, nor to a path it skips', async () => {
    for (const [method, path] of [
      ['POST', '/transfers'],
      ['GET', '/assets/app.css'],
    ]) {
      const reply = await visit(method!, path!)
      expect(reply.setCookie, `${method} ${path}`).toBeUndefined()
      expect(reply.seen!.sessionId, `${method} ${path}`).toBeNull()
    }
  })

  it('keeps the session of a genuine cookie, and finds the user bound to it', async () => {
    const signedIn = await visit('POST', '/sign-in/u1')
    const again = await visit('GET', '/', signedIn.cookie)
    expect(again.setCookie).toBeUndefined()
    expect(again.seen).toEqual(signedIn.seen)
    expect(again.seen!.userId).toBe('u1')
  })

  it.each([
    ['a short word', 'admin'],
    ['one character too many', 'x'.repeat(44)],
    ['a character a session id never has', `${'x'.repeat(42)}+`],
  ])(
    'ignores a cookie signed with the right secret that holds %s, and starts a new session',
    async (_, value) => {
      const forged = (await generateSignedCookie(cookie.name, value, SECRET)).split(';')[0]
      const reply = await visit('GET', '/', forged)
      expect(reply.seen!.sessionId).toMatch(SESSION_ID)
      expect(reply.seen!.sessionId).not.toBe(value)
      expect(reply.setCookie).toBeDefined()
    }
  )
})

describe('signing in and out', () => {
  it('signs in a browser that had no session yet', async () => {
    const signedIn = await visit('POST', '/sign-in/u1')
    expect(signedIn.seen!.userId).toBe('u1')
    expect(store.userOfSession(signedIn.seen!.sessionId!)?.id).toBe('u1')
  })

  it('signs in with a new session id, and ends the one the browser had', async () => {
    const asAda = await visit('POST', '/sign-in/u1')
    const asBob = await visit('POST', '/sign-in/u2', asAda.cookie)
    expect(asBob.seen!.sessionId).not.toBe(asAda.seen!.sessionId)
    expect(asBob.seen!.userId).toBe('u2')
    expect((await visit('GET', '/', asAda.cookie)).seen!.userId).toBeNull()
    expect(store.userOfSession(asAda.seen!.sessionId!)).toBeUndefined()
  })

  it('signs out: the old cookie finds no user any more, and the browser gets a new anonymous session', async () => {
    const signedIn = await visit('POST', '/sign-in/u1')
    const out = await visit('POST', '/sign-out', signedIn.cookie)
    expect(out.seen!.userId).toBeNull()
    expect(out.seen!.sessionId).toMatch(SESSION_ID)
    expect(out.seen!.sessionId).not.toBe(signedIn.seen!.sessionId)
    expect((await visit('GET', '/', signedIn.cookie)).seen!.userId).toBeNull()
  })

  it('signs out a browser that had no session', async () => {
    const out = await visit('POST', '/sign-out')
    expect(out.seen!.sessionId).toMatch(SESSION_ID)
    expect(out.seen!.userId).toBeNull()
  })
})
