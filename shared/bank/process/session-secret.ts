import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The kept session secret cannot be used. */
export class SessionSecretError extends Error {
  constructor(file: string, reason: string) {
    super(
      `The session secret in ${file} ${reason}. Delete that file (a new one is made at the next ` +
        'start; everyone signs in again) or set SESSION_SECRET to 32 or more random characters.'
    )
    this.name = 'SessionSecretError'
  }
}

/**
 * The key that signs session cookies: SESSION_SECRET when set, otherwise a random one generated on
 * the first start and kept in `<dataDir>/session-secret`, so sessions survive a restart.
 *
 * @example
 * const secret = loadSessionSecret({ dataDir: '.data/solution', fromEnv: undefined })
 */
export function loadSessionSecret(input: { dataDir: string; fromEnv: string | undefined }): string {
  if (input.fromEnv) return input.fromEnv
  const file = join(input.dataDir, 'session-secret')
  let kept: string | undefined
  try {
    kept = readFileSync(file, 'utf8').trim()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') throw new SessionSecretError(file, `cannot be read (${code})`)
  }
  if (kept !== undefined) {
    if (kept.length < 32) throw new SessionSecretError(file, 'is too short')
    return kept
  }
  mkdirSync(input.dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  return secret
}
