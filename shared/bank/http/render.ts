import type { Child } from 'hono/jsx'
import type { LayoutProps } from '../views/layout.js'
import type { BankContext } from './bank-env.js'

/** What every page's frame needs from the request, with the session's form token. */
export type PageFrame = Omit<LayoutProps, 'title'> & { csrfToken: string }

/**
 * The frame of a page for this request: the app's name, the script nonce, the signed-in user and
 * the form token.
 *
 * @example
 * render(c, <RegisterPage {...frame(c)} values={values} errors={{}} />)
 */
export function frame(c: BankContext): PageFrame {
  return {
    variant: c.get('variant'),
    nonce: c.get('secureHeadersNonce'),
    user: c.get('user'),
    csrfToken: c.get('csrfToken'),
  }
}

/**
 * Sends a page (hono/jsx) as an HTML document.
 *
 * @example
 * return render(c, <ErrorPage {...frame(c)} title="…" message="…" />, 404)
 */
export async function render(c: BankContext, page: Child, status = 200): Promise<Response> {
  const html = await (page as { toString(): string | Promise<string> }).toString()
  return c.html(`<!DOCTYPE html>${html}`, status as 200)
}
