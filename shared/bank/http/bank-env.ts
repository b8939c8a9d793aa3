import type { Context } from 'hono'
import type { SecureHeadersVariables } from 'hono/secure-headers'
import type { User } from '../../model/user.js'

/** What the bank's middleware puts on every request, for the routes to read. */
export type BankEnv = {
  Variables: SecureHeadersVariables & {
    /** Which app this is (`solution` or `workshop`), shown in every page's header. */
    variant: string
    /** This browser's session id, when it has a genuine session cookie. */
    sessionId: string | undefined
    /** The registered user the session is bound to, if any. */
    user: User | undefined
    /** The anti-forgery token for this session's forms. */
    csrfToken: string
  }
}

export type BankContext = Context<BankEnv>
