import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

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
  try {
    const kept = readFileSync(file, 'utf8').trim()
    if (kept.length >= 32) return kept
    throw new Error(
      `The session secret in ${file} is too short. Delete that file (a new one is made) ` +
        'or set SESSION_SECRET to 32 or more random characters.'
    )
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(input.dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  return secret
}
