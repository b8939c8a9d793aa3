import type { SecureHeadersVariables } from 'hono/secure-headers'
import type { StoredApp } from './domain/store-schema.js'
import type { TwilioAccount } from './domain/twilio/account.js'

/** The Hono environment of the sandbox app: what middleware hands to handlers. */
export type SandboxEnv = {
  Variables: SecureHeadersVariables & {
    /** The merged, api_key-free parameters of an Authy API request. */
    params: Record<string, unknown>
    /** The application whose API key the request carries (Authy API and room API). */
    app: StoredApp
  }
}

/** The Hono environment of the Twilio API's app: the account Basic auth opened. */
export type TwilioEnv = {
  Variables: {
    account: TwilioAccount
    /** The application the account belongs to. */
    appId: number
  }
}
