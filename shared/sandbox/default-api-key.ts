/**
 * A known key for tests and code examples. Nothing uses it by default: `npm start`, `npm run
 * workshop` and `npm run sandbox` each use their data folder's own random key.
 */
export const DEFAULT_SANDBOX_API_KEY = 'sandbox-dev-key-0123456789abcdef'
