import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The session secret's file in the data folder. */
export const SESSION_SECRET_FILE = 'session-secret'

/** A secret kept in the data folder cannot be used. */
export class KeptSecretError extends Error {
  constructor(file: string, reason: string, variable: string | undefined) {
    super(
      `The secret in ${file} ${reason}. Delete that file (a new one is made at the next start)` +
        (variable ? ` or set ${variable} in .env.` : '.')
    )
    this.name = 'KeptSecretError'
  }
}

/**
 * A secret of this data folder: the environment's value when set, otherwise a random one generated
 * on the first start and kept in `<dataDir>/<file>` (readable by this user only), so it survives a
 * restart. Used for the session secret, the sandbox's API key, the presenter key and the room code.
 *
 * @example
 * const secret = loadKeptSecret({ dataDir: '.data/solution', file: SESSION_SECRET_FILE,
 *   fromEnv: undefined, variable: 'SESSION_SECRET' })
 */
export function loadKeptSecret(input: {
  dataDir: string
  file: string
  fromEnv: string | undefined
  /** The variable that overrides it, named in messages; none when no variable can. */
  variable: string | undefined
  /** Makes a new one; default 32 random bytes in hex. */
  generate?: () => string
  /** A kept value shorter than this is refused; default 32. */
  minLength?: number
}): string {
  if (input.fromEnv) return input.fromEnv
  const file = join(input.dataDir, input.file)
  let kept: string | undefined
  try {
    kept = readFileSync(file, 'utf8').trim()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') throw new KeptSecretError(file, `cannot be read (${code})`, input.variable)
  }
  if (kept !== undefined) {
    if (kept.length < (input.minLength ?? 32)) throw new KeptSecretError(file, 'is too short', input.variable)
    return kept
  }
  mkdirSync(input.dataDir, { recursive: true })
  const secret = input.generate?.() ?? randomBytes(32).toString('hex')
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    // Another process made it a moment ago: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim()
    throw error
  }
  return secret
}
