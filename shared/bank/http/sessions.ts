import { createHmac, randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import { constantTimeEqual } from '../../authy/signature.js'
import type { BankStore } from '../store/store.js'
import type { BankContext, BankEnv } from './bank-env.js'

/** How long a browser stays signed in: a workshop day. */
const SESSION_SECONDS = 12 * 60 * 60

/** The session cookie and the key that signs it. */
export interface SessionCookie {
  /** One name per app: cookies ignore ports, and both apps run on 127.0.0.1. */
  name: string
  secret: string
}

/**
 * The session id in this request's cookie, if it carries a genuine one.
 *
 * @example
 * const sessionId = await readSessionId(c, { name: 'bank_session_solution', secret })
 */
export async function readSessionId(
  c: Context,
  cookie: SessionCookie
): Promise<string | undefined> {
  const value = await getSignedCookie(c, cookie.secret, cookie.name)
  return typeof value === 'string' && /^[\w-]{43}$/.test(value) ? value : undefined
}

/**
 * Gives this browser a brand-new session id (at first visit, at registration and when starting
 * over), so an id seen before signing in is never the signed-in one.
 *
 * @example
 * const sessionId = await startSession(c, cookie)
 */
export async function startSession(c: Context, cookie: SessionCookie): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url')
  await setSignedCookie(c, cookie.name, sessionId, cookie.secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_SECONDS,
  })
  return sessionId
}

/**
 * The anti-forgery token for a session's forms: an HMAC of the session id, so it needs no storage
 * and changes whenever the session does.
 *
 * @example
 * <input type="hidden" name="csrf_token" value={csrfToken(secret, sessionId)} />
 */
export function csrfToken(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf|${sessionId}`).digest('base64url')
}

/**
 * Is this the session's anti-forgery token? Constant-time; false for anything missing.
 *
 * @example
 * if (!isCsrfToken(secret, sessionId, form.csrf_token)) return forbidden(c)
 */
export function isCsrfToken(
  secret: string,
  sessionId: string | undefined,
  token: unknown
): boolean {
  if (!sessionId || typeof token !== 'string' || token === '') return false
  return constantTimeEqual(csrfToken(secret, sessionId), token)
}

/**
 * Middleware: who is this browser? A genuine session cookie, bound (or not yet) to a registered
 * user. A page load without one gets a new session, so its forms have a token from the start.
 * Sets `sessionId`, `user` and `csrfToken` for the routes.
 *
 * @example
 * app.use('*', sessions({ cookie, store, skip: (path) => path.startsWith('/assets/') }))
 */
export function sessions(options: {
  cookie: SessionCookie
  store: Pick<BankStore, 'userOfSession' | 'pendingOfSession'>
  /** Paths that need no session (assets, the callback). */
  skip: (path: string) => boolean
}): MiddlewareHandler<BankEnv> {
  const { cookie, store } = options
  return async (c, next) => {
    if (options.skip(c.req.path)) return next()
    let sessionId = await readSessionId(c, cookie)
    if (!sessionId && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      sessionId = await startSession(c, cookie)
    }
    useSession(c, cookie, sessionId, sessionId ? store.userOfSession(sessionId) : undefined)
    c.set('pending', sessionId ? store.pendingOfSession(sessionId) : undefined)
    await next()
  }
}

/**
 * Binds this browser to a user with a brand-new session id (the one seen before is ended): it is
 * signed in. Only a completed second factor (or a confirmed phone at sign-up) calls this.
 *
 * @example
 * await signInAs(c, cookie, store, user.id)
 */
export async function signInAs(
  c: BankContext,
  cookie: SessionCookie,
  store: Pick<BankStore, 'endSession' | 'bindSession' | 'getUser'>,
  userId: string
): Promise<void> {
  const previous = c.get('sessionId')
  if (previous) await store.endSession(previous)
  const sessionId = await startSession(c, cookie)
  await store.bindSession(sessionId, userId)
  useSession(c, cookie, sessionId, store.getUser(userId))
  c.set('pending', undefined)
}

/**
 * Gives this browser a brand-new session id that owes a second factor: a user's phone to confirm,
 * or a sign-in to approve. No page that needs a user is open to it.
 *
 * @example
 * await startPending(c, cookie, store, { stage: 'second-factor', userId, signInId })
 */
export async function startPending(
  c: BankContext,
  cookie: SessionCookie,
  store: Pick<BankStore, 'endSession' | 'bindPendingSession'>,
  pending: Parameters<BankStore['bindPendingSession']>[1]
): Promise<void> {
  const previous = c.get('sessionId')
  if (previous) await store.endSession(previous)
  const sessionId = await startSession(c, cookie)
  await store.bindPendingSession(sessionId, pending)
  useSession(c, cookie, sessionId, undefined)
  c.set('pending', pending)
}

/**
 * Ends this browser's session on the server and gives it a fresh, anonymous one.
 *
 * @example
 * await signOut(c, cookie, store)
 */
export async function signOut(
  c: BankContext,
  cookie: SessionCookie,
  store: Pick<BankStore, 'endSession'>
): Promise<void> {
  const sessionId = c.get('sessionId')
  if (sessionId) await store.endSession(sessionId)
  useSession(c, cookie, await startSession(c, cookie), undefined)
  c.set('pending', undefined)
}

function useSession(
  c: BankContext,
  cookie: SessionCookie,
  sessionId: string | undefined,
  user: ReturnType<BankStore['userOfSession']>
): void {
  c.set('sessionId', sessionId)
  c.set('user', user)
  c.set('csrfToken', csrfToken(cookie.secret, sessionId ?? ''))
}

/**
 * The bank's session cookie: one name per app, since cookies ignore ports and both apps run on
 * 127.0.0.1.
 *
 * @example
 * bankCookie('solution', secret).name // 'bank_session_solution'
 */
export function bankCookie(variant: string, secret: string): SessionCookie {
  return { name: `bank_session_${variant}`, secret }
}
