import { readFileSync, writeFileSync } from 'node:fs'
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

/**
 * Sets (or, with `undefined`, removes) variables in a `.env` file, keeping every other line as it
 * was: a set variable replaces its line (a commented-out example stays), a new one is appended.
 * Values are quoted when they hold anything but plain characters.
 *
 * @example
 * updateEnvFile('.env', { AUTHY_API_URL: 'http://192.168.1.20:4001', AUTHY_API_KEY: undefined })
 */
export function updateEnvFile(file: string, changes: Environment): void {
  let lines: string[] = []
  try {
    lines = readFileSync(file, 'utf8').split('\n')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') throw new EnvFileError(file, code ?? (error as Error).message)
  }
  if (lines.at(-1) === '') lines.pop()
  const written = new Set<string>()
  const kept: string[] = []
  for (const line of lines) {
    const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1]
    if (name === undefined || !(name in changes)) {
      kept.push(line)
    } else if (changes[name] !== undefined && !written.has(name)) {
      kept.push(`${name}=${envValue(changes[name])}`)
      written.add(name)
    }
  }
  for (const [name, value] of Object.entries(changes)) {
    if (value !== undefined && !written.has(name)) kept.push(`${name}=${envValue(value)}`)
  }
  writeFileSync(file, `${kept.join('\n')}\n`, { mode: 0o600 })
}

// Plain, or in the first kind of quotes the value does not hold (Node's parser has no escapes).
function envValue(value: string): string {
  if (/^[\w.:/@+-]*$/.test(value)) return value
  const quote = ['"', "'", '`'].find((mark) => !value.includes(mark))
  if (!quote || /[\r\n]/.test(value)) {
    throw new Error(`${JSON.stringify(value)} cannot be written in a .env file: leave out the quotes.`)
  }
  return `${quote}${value}${quote}`
}
