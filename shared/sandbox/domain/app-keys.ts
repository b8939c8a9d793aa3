import { hash } from 'node:crypto'
import { constantTimeEqual } from '../../authy/signature.js'
import type { SandboxData, StoredApp } from './store-schema.js'

/**
 * Which application an API key belongs to, for every request: the applications by the SHA-256
 * digest of their key. Looking a key up by its digest takes the same time whoever's key it is
 * (what the lookup could reveal is about the digest, and a digest tells nothing of the key);
 * the key found is then compared in constant time, as the sandbox compared its one key.
 */
export interface AppKeys {
  /** The key of the sandbox's own application (its `apiKey` option). */
  ownKey: string
  byDigest: Map<string, StoredApp>
}

/**
 * The key index of every application in the data: the sandbox's own with `ownKey`, the others
 * with their stored keys.
 *
 * @example
 * const keys = indexAppKeys(store.data, options.apiKey)
 */
export function indexAppKeys(data: SandboxData, ownKey: string): AppKeys {
  const keys: AppKeys = { ownKey, byDigest: new Map() }
  for (const app of data.apps) addAppKey(keys, app)
  return keys
}

/**
 * Adds an application (a new one joined in a room) to the index.
 *
 * @example
 * addAppKey(ctx.appKeys, app)
 */
export function addAppKey(keys: AppKeys, app: StoredApp): void {
  keys.byDigest.set(digest(keyOf(keys.ownKey, app)), app)
}

/**
 * The application whose API key this is, if any.
 *
 * @example
 * const app = appForKey(ctx.appKeys, c.req.header('x-authy-api-key') ?? '')
 * if (!app) throw invalidApiKey()
 */
export function appForKey(keys: AppKeys, key: string): StoredApp | undefined {
  const app = keys.byDigest.get(digest(key))
  return app && constantTimeEqual(keyOf(keys.ownKey, app), key) ? app : undefined
}

/**
 * An application's API key: its own, or for the sandbox's own application the sandbox's key
 * (`ownKey`).
 *
 * @example
 * keyOf(ctx.apiKey, app) // what callbacks of this application are signed with
 */
export function keyOf(ownKey: string, app: StoredApp): string {
  return app.api_key ?? ownKey
}

function digest(key: string): string {
  // The one-shot form: on every request's path, and several times quicker than createHash.
  return hash('sha256', key, 'hex')
}
