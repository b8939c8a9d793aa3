import type { MiddlewareHandler } from 'hono'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import type { BankEnv } from './bank-env.js'
import { readForm } from './read-form.js'
import { isCsrfToken } from './sessions.js'

/**
 * Middleware against cross-site form posts, twice over: the Origin (or `Sec-Fetch-Site`) must be
 * this app's own, then every POST must carry the session's form token. Behind an HTTPS proxy
 * (ngrok) the browser's origin is the public one, not the http:// one this app sees. Exempt paths
 * (the signed callback) have their own check.
 *
 * @example
 * app.use('*', formGuard({ secret, publicOrigin: 'https://abc.ngrok.io', exempt: ['/authy/callback'] }))
 */
export function formGuard(options: {
  secret: string
  publicOrigin: string | undefined
  exempt: readonly string[]
}): MiddlewareHandler<BankEnv> {
  const originCheck = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === options.publicOrigin,
  })
  return async (c, next) => {
    if (options.exempt.includes(c.req.path)) return next()
    return originCheck(c, async () => {
      if (c.req.method === 'POST') {
        const body = await readForm(c)
        if (!isCsrfToken(options.secret, c.get('sessionId'), body.csrf_token)) {
          throw new HTTPException(403, { message: 'csrf-token' })
        }
      }
      await next()
    })
  }
}
