import type { SecureHeadersVariables } from 'hono/secure-headers'

/** The Hono environment of the sandbox app: what middleware hands to handlers. */
export type SandboxEnv = {
  Variables: SecureHeadersVariables & {
    /** The merged, api_key-free parameters of an Authy API request. */
    params: Record<string, unknown>
  }
}
