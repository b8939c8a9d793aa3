/**
 * The API key `npm run sandbox` uses when SANDBOX_API_KEY is not set. It is not a secret: it
 * only opens a sandbox on your own machine, and it is printed at start-up. Never use it for
 * anything real.
 */
export const DEFAULT_SANDBOX_API_KEY = 'sandbox-dev-key-0123456789abcdef'
