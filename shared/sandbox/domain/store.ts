import { copyFile, mkdir, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Low, Memory } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { migrateV1, sandboxDataV1Schema } from './store-migration.js'
import { emptySandboxData, sandboxDataSchema, type SandboxData } from './store-schema.js'

/** The sandbox's state, and the one way to persist it. */
export interface SandboxStore {
  readonly data: SandboxData
  /**
   * Writes the data as it is once the current task ends: every save asked for before that shares
   * one write (a full file is serialized at once, tens of milliseconds for a busy room's).
   */
  save(): Promise<void>
  /** Resolves when every write started so far is on disk. */
  flush(): Promise<void>
}

/**
 * The data file or its folder cannot be used (a folder where the file should be, no permission,
 * a full disk…). The message names the file and what to do.
 *
 * @example
 * if (error instanceof SandboxDataFileError) console.error(error.message)
 */
export class SandboxDataFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SandboxDataFileError'
  }
}

const ANOTHER_FOLDER =
  'or choose another data folder (SANDBOX_DATA_DIR for npm run sandbox, DATA_DIR for the apps)'

/**
 * Opens the sandbox's lowdb file, or an in-memory store when `file` is undefined (tests). A file
 * whose content is unusable (empty, not JSON, not a JSON object, or not the sandbox's shape) is
 * moved aside to `<file>.corrupt-<timestamp>`, with a log line, and the sandbox starts fresh. A
 * file that cannot be read or written at all throws {@link SandboxDataFileError}: starting empty
 * would hide the problem, and the next save would fail anyway. A file of version 1 (one
 * application) is copied to `<file>.v1` and migrated: its application becomes the first of the new
 * file, with everything it had. One store per file: never open the same file twice.
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

  await ioStep(file, 'its folder cannot be created', () =>
    mkdir(dirname(file), { recursive: true })
  )
  // Not JSONFilePreset: it silently swaps to memory when NODE_ENV is 'test' (vitest).
  const db = new Low<SandboxData>(new JSONFile(file), defaults)
  const text = await ioStep(file, 'it cannot be read', () => readIfPresent(file))
  let writeNow = text === undefined
  if (text !== undefined) {
    const content = parseContent(text, nowMs)
    if (content.ok) {
      db.data = content.data
      if (content.migrated) {
        const copy = `${file}.v1`
        await ioStep(file, `it could not be copied to ${copy}`, () => copyFile(file, copy))
        log(
          `The data file ${file} was written by an older sandbox (one application): ` +
            `it now holds that application as the first of many, with all its data ` +
            `(the old file is kept as ${copy}).`
        )
        writeNow = true
      }
    } else {
      const aside = `${file}.corrupt-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`
      await ioStep(file, `it could not be moved aside to ${aside}`, () => rename(file, aside))
      log(
        `The data file ${file} could not be read (${content.problem}). ` +
          `It was moved to ${aside} and the sandbox starts with no users.`
      )
      writeNow = true
    }
  }
  const store = wrap(db)
  if (writeNow) await ioStep(file, 'it cannot be written', () => store.save())
  return store
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function parseContent(
  text: string,
  nowMs: number
): { ok: true; data: SandboxData; migrated: boolean } | { ok: false; problem: string } {
  let value: unknown
  try {
    // A byte order mark is what some editors add when the file is saved by hand.
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { ok: false, problem: 'it is empty or not valid JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: `it holds ${JSON.stringify(value)?.slice(0, 20)}, not an object` }
  if ((value as { version?: unknown }).version === 1) {
    const old = sandboxDataV1Schema.safeParse(value)
    if (old.success) return { ok: true, data: migrateV1(old.data, nowMs), migrated: true }
  }
  const parsed = sandboxDataSchema.safeParse(value)
  if (!parsed.success) return { ok: false, problem: 'its content has the wrong shape' }
  return { ok: true, data: parsed.data, migrated: false }
}

async function ioStep<T>(file: string, what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    throw new SandboxDataFileError(
      `The sandbox data file ${file} cannot be used: ${what} (${describeIoError(error)}). ` +
        `${fixFor(error)}, ${ANOTHER_FOLDER}.`,
      { cause: error }
    )
  }
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EISDIR') return 'it is a folder, not a file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOTDIR') return 'part of its path is a file, not a folder'
  if (code === 'ENOSPC') return 'the disk is full'
  return error instanceof Error ? error.message : String(error)
}

function fixFor(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EISDIR') return 'Move or delete that folder'
  if (code === 'EACCES' || code === 'EPERM') return 'Give your user access to it and its folder'
  if (code === 'ENOSPC') return 'Free some disk space'
  return 'Fix the file or its folder'
}

function wrap(db: Low<SandboxData>): SandboxStore {
  let last: Promise<void> = Promise.resolve()
  let waiting: Promise<void> | undefined
  return {
    get data() {
      return db.data
    },
    save() {
      if (waiting) return waiting
      // A room of attendees changes the data in bursts: serialize it once for all of them.
      const write = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        waiting = undefined
        return db.write()
      })
      waiting = write
      last = last.then(() => write).catch(() => undefined)
      return write
    },
    flush() {
      return last
    },
  }
}
