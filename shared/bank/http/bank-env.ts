import type { Context } from 'hono'
import type { SecureHeadersVariables } from 'hono/secure-headers'
import type { User } from '../../model/user.js'
import type { SessionStage } from '../store/user-records.js'

/** What the bank's middleware puts on every request, for the routes to read. */
export type BankEnv = {
  Variables: SecureHeadersVariables & {
    /** Which app this is (`solution` or `workshop`), shown in every page's header. */
    variant: string
    /** This browser's session id, when it has a genuine session cookie. */
    sessionId: string | undefined
    /** The signed-in user: only once every factor is done. */
    user: User | undefined
    /** What the session still owes before it is signed in (a phone to confirm, a second factor). */
    pending: SessionStage | undefined
    /** The anti-forgery token for this session's forms. */
    csrfToken: string
  }
}

export type BankContext = Context<BankEnv>
