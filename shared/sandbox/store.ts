import { existsSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Low, Memory } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { emptySandboxData, sandboxDataSchema, type SandboxData } from './store-schema.js'

/** The sandbox's state, and the one way to persist it. */
export interface SandboxStore {
  readonly data: SandboxData
  /** Writes the current data (writes are queued and coalesced by lowdb). */
  save(): Promise<void>
  /** Resolves when every write started so far is on disk. */
  flush(): Promise<void>
}

/**
 * Opens the sandbox's lowdb file, or an in-memory store when `file` is undefined (tests).
 * An empty or corrupt file is moved aside to `<file>.corrupt-<timestamp>`, with a log line, and
 * the sandbox starts fresh. One store per file: never open the same file twice.
 *
 * @example
 * const store = await openSandboxStore('.data/sandbox/sandbox.json', Date.now(), console.log)
 * store.data.users.push(user)
 * await store.save()
 */
export async function openSandboxStore(
  file: string | undefined,
  nowMs: number,
  log: (line: string) => void
): Promise<SandboxStore> {
  const defaults = emptySandboxData(nowMs)
  if (file === undefined) return wrap(new Low<SandboxData>(new Memory(), defaults))

  await mkdir(dirname(file), { recursive: true })
  // Not JSONFilePreset: it silently swaps to memory when NODE_ENV is 'test' (vitest).
  const db = new Low<SandboxData>(new JSONFile(file), defaults)
  let fresh = !existsSync(file)
  try {
    await db.read()
    db.data = sandboxDataSchema.parse(db.data)
  } catch (error) {
    const aside = `${file}.corrupt-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`
    await rename(file, aside)
    log(
      `The data file ${file} could not be read (${describe(error)}). ` +
        `It was moved to ${aside} and the sandbox starts with no users.`
    )
    db.data = defaults
    fresh = true
  }
  const store = wrap(db)
  if (fresh) await store.save()
  return store
}

function wrap(db: Low<SandboxData>): SandboxStore {
  let last: Promise<void> = Promise.resolve()
  return {
    get data() {
      return db.data
    },
    save() {
      const write = db.write()
      last = last.then(() => write).catch(() => undefined)
      return write
    },
    flush() {
      return last
    },
  }
}

function describe(error: unknown): string {
  if (error instanceof SyntaxError) return 'it is empty or not valid JSON'
  if (error instanceof Error && error.name === 'ZodError') return 'its content has the wrong shape'
  return error instanceof Error ? error.message : String(error)
}
