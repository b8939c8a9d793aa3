import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { NONCE, secureHeaders } from 'hono/secure-headers'

/** The largest request body the bank reads. */
const MAX_BODY_BYTES = 64 * 1024

/**
 * Middleware for every response: a nonce-based Content-Security-Policy (no inline handlers, no
 * objects, no framing), the usual hardening headers, and a cap on request bodies.
 *
 * @example
 * app.use('*', ...securityHeaders())
 */
export function securityHeaders(): MiddlewareHandler[] {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: [NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: false,
      xFrameOptions: 'DENY',
      // Not 'no-referrer': with it, browsers send `Origin: null` on same-origin form posts.
      referrerPolicy: 'same-origin',
    }),
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.text('The request is too large.', 413),
    }),
  ]
}
