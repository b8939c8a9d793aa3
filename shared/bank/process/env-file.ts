import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

export type Environment = Record<string, string | undefined>

/** A `.env` file that exists but cannot be read. */
export class EnvFileError extends Error {
  constructor(
    readonly file: string,
    reason: string
  ) {
    super(`The file ${file} cannot be read (${reason}). Fix its permissions or move it away.`)
    this.name = 'EnvFileError'
  }
}

/**
 * The variables of a `.env` file (Node's own parser: `NAME=value`, `#` comments, quotes).
 * A missing file is no variables.
 *
 * @example
 * readEnvFile('/work/main/.env') // { PORT: '4010' }
 */
export function readEnvFile(file: string): Environment {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return {}
    throw new EnvFileError(file, code ?? (error as Error).message)
  }
  return parseEnv(text)
}

/**
 * The environment the app runs with: the `.env` file's variables, overridden by the real
 * environment's. Empty values count as unset.
 *
 * @example
 * mergeEnvironments(readEnvFile('.env'), process.env)
 */
export function mergeEnvironments(fromFile: Environment, fromProcess: Environment): Environment {
  const merged: Environment = {}
  for (const source of [fromFile, fromProcess]) {
    for (const [name, value] of Object.entries(source)) {
      if (value !== undefined && value.trim() !== '') merged[name] = value.trim()
    }
  }
  return merged
}
