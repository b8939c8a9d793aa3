import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { recordRequest } from '../domain/request-log.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import { findTwilioAccount, type TwilioAccounts } from '../domain/twilio/accounts.js'
import { authenticate, requestTooLarge, resourceNotFound } from '../domain/twilio/errors.js'
import { API_VERSION } from '../domain/twilio/messages.js'
import type { TwilioEnv } from '../sandbox-env.js'

/** The largest request body the Twilio API reads (a Body is at most 1600 characters). */
export const MAX_FORM_BYTES = 100_000

// Enough for every client's User-Agent, as the Authy API's log keeps it.
const USER_AGENT_KEPT = 500
const ACCOUNT_PATH = new RegExp(`^/${API_VERSION}/Accounts/([^/]+)(?:/|\\.json$|$)`)

/**
 * Records each request to the Twilio API in the sandbox's request log (`GET /sandbox/requests`),
 * next to the Authy API's: `control.requests('/2010-04-01/*')` shows what the bank asked.
 *
 * @example
 * app.use(recordTwilioRequests(ctx))
 */
export function recordTwilioRequests(ctx: SandboxContext): MiddlewareHandler<TwilioEnv> {
  return async (c, next) => {
    await next()
    recordRequest(ctx.requests, {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      atMs: ctx.now(),
      user_agent: c.req.header('user-agent')?.slice(0, USER_AGENT_KEPT) ?? null,
      fault_id: null,
      app_id: c.get('appId') ?? null,
    })
  }
}

/**
 * HTTP Basic authentication as Twilio's: an account's Account SID and Auth Token, or its API key
 * SID and secret (any account of the sandbox: its own, or a joined application's); anything else,
 * a missing or malformed header included → 401 / 20003. Then a path under another Account SID →
 * 404 / 20404: the credentials are good, but that account is none of theirs to see. The handlers
 * get the account as `c.get('account')`.
 *
 * @example
 * app.use('/2010-04-01/*', twilioBasicAuth(accounts))
 */
export function twilioBasicAuth(accounts: TwilioAccounts): MiddlewareHandler<TwilioEnv> {
  return async (c, next) => {
    const [scheme, encoded] = (c.req.header('authorization') ?? '').trim().split(/\s+/)
    const decoded =
      scheme?.toLowerCase() === 'basic' && encoded
        ? Buffer.from(encoded, 'base64').toString('utf8')
        : ''
    const colon = decoded.indexOf(':')
    if (colon === -1) throw authenticate()
    const found = findTwilioAccount(accounts, decoded.slice(0, colon), decoded.slice(colon + 1))
    if (!found) throw authenticate()
    c.set('account', found.account)
    c.set('appId', found.appId)
    const pathAccount = ACCOUNT_PATH.exec(c.req.path)?.[1]
    if (pathAccount !== undefined && pathAccount !== found.account.accountSid)
      throw resourceNotFound(c.req.path)
    await next()
  }
}

/**
 * Refuses a body over {@link MAX_FORM_BYTES} with 413 in Twilio's envelope.
 *
 * @example
 * app.use('/2010-04-01/*', formSizeLimit())
 */
export function formSizeLimit(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: () => {
      throw requestTooLarge(MAX_FORM_BYTES)
    },
  })
}
