import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** The name of the lock file inside a data directory. */
export const LOCK_FILE = '.lock'

/** Another running process holds the data directory's lock. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number | undefined,
    variable: string
  ) {
    super(
      `The data folder ${dir} is already in use by another copy of the app ` +
        `(process ${pid ?? 'unknown'}), ` +
        "so this one cannot start: the two would overwrite each other's data. " +
        'Stop the other copy (Ctrl+C in its terminal), or give this one its own folder, ' +
        `e.g. ${variable}=.data/second in .env or before the command. ` +
        `(If no other copy is running, delete ${join(dir, LOCK_FILE)}.)`
    )
    this.name = 'DataDirBusyError'
  }
}

/** A data directory this process holds. */
export interface DataDirLock {
  readonly file: string
  /** Removes the lock file (if it is still this process's). Calling it again does nothing. */
  release(): Promise<void>
}

// The locks this process holds: a lock file with our own pid that is not in here was left by an
// earlier process that had the same pid (common in containers), so it is stale.
const held = new Set<string>()

/**
 * Takes the data directory for this process: creates `<dir>/.lock` holding the pid, exclusively.
 * Throws {@link DataDirBusyError} when a running process holds it; takes over a lock left by a
 * process that is gone. Other file errors (no such folder, no permission) are thrown as they are.
 *
 * @example
 * const lock = await lockDataDir({ dir: '.data/solution', variable: 'DATA_DIR' })
 * // … use the folder …
 * await lock.release()
 */
export async function lockDataDir(options: {
  dir: string
  variable: string
}): Promise<DataDirLock> {
  const file = join(options.dir, LOCK_FILE)
  for (let attempt = 1; ; attempt++) {
    try {
      const handle = await open(file, 'wx')
      try {
        await handle.writeFile(`${process.pid}\n`)
      } finally {
        await handle.close()
      }
      held.add(file)
      return { file, release: once(() => release(file)) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = await lockOwner(file)
    if (owner !== undefined && (owner === process.pid ? held.has(file) : isRunning(owner))) {
      throw new DataDirBusyError(options.dir, owner, options.variable)
    }
    if (attempt === 3) throw new DataDirBusyError(options.dir, owner, options.variable)
    // Stale: its process is gone.
    await rm(file, { force: true })
  }
}

// The pid in a lock file; a moment's grace for a lock being written right now.
async function lockOwner(file: string): Promise<number | undefined> {
  for (let look = 1; look <= 2; look++) {
    const text = await readFile(file, 'utf8').catch(() => '')
    const pid = Number.parseInt(text, 10)
    if (Number.isSafeInteger(pid) && pid > 0) return pid
    if (look === 1) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return undefined
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function release(file: string): Promise<void> {
  held.delete(file)
  const text = await readFile(file, 'utf8').catch(() => '')
  if (Number.parseInt(text, 10) === process.pid) await rm(file, { force: true })
}

function once(run: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined
  return () => (done ??= run())
}
