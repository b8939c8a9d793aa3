import type { Context } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import { serviceOr404 } from '../domain/verify/services.js'
import type { StoredService } from '../domain/verify/store-schema.js'
import type { VerifyContext } from '../domain/verify/verify-actions.js'

const FORM = 'application/x-www-form-urlencoded'

/**
 * The form fields of a request, as Twilio reads them: a form body only (a JSON body sends none,
 * and gets the "missing parameter" answer Twilio gives); a GET's are its query string.
 *
 * @example
 * const form = await readForm(c)
 */
export async function readForm(c: Context): Promise<URLSearchParams> {
  if (c.req.method === 'GET') return new URL(c.req.url).searchParams
  const isForm = (c.req.header('content-type') ?? '').toLowerCase().startsWith(FORM)
  return new URLSearchParams(isForm ? await c.req.text() : '')
}

/**
 * The sandbox's own `scheme://host:port` as this client reached it: every `url`, `links` and
 * paging link points back there (the official client follows them as they are).
 *
 * @example
 * baseOf(c) // 'http://127.0.0.1:4203'
 */
export function baseOf(c: Context): string {
  return new URL(c.req.url).origin
}

/**
 * The Service the path names (`:serviceSid`), of this account; 404 / 20404 otherwise.
 *
 * @example
 * const service = serviceOf(ctx, c)
 */
export function serviceOf(ctx: VerifyContext, c: Context): StoredService {
  return serviceOr404(ctx.store.data, ctx.verify.account.accountSid, c.req.param('serviceSid')!)
}

/**
 * Runs a change and saves the state whatever happens: a refusal may have counted something (a
 * wrong code) that must outlive a restart.
 *
 * @example
 * const challenge = await saving(ctx, () => createChallenge(data, service, entity, form, now))
 */
export async function saving<T>(ctx: Pick<SandboxContext, 'store'>, change: () => T): Promise<T> {
  try {
    return change()
  } finally {
    await ctx.store.save()
  }
}

/**
 * 204 No Content, what Twilio answers a delete with.
 *
 * @example
 * return deleted()
 */
export function deleted(): Response {
  return new Response(null, { status: 204 })
}

export { jsonResponse }
