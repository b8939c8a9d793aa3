import { createHmac, randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import { constantTimeEqual } from '../../authy/signature.js'

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
