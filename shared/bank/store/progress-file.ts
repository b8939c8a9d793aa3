import { mkdir, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Low, Memory } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { z } from 'zod'

/** One attendee's latest report, as kept. */
const attendeeSchema = z.object({
  name: z.string(),
  steps_done: z.array(z.number().int()),
  last_seen: z.string(),
})
const progressSchema = z.object({ attendees: z.array(attendeeSchema) })

/** What the progress file holds: the attendees of the room, in the order they first reported. */
export type ProgressData = z.infer<typeof progressSchema>

/** The progress file, open: its data, and a write of all of it. */
export interface ProgressFile {
  data: ProgressData
  save(): Promise<void>
  /** What happened to an unreadable file when it was opened, to log; else undefined. */
  readonly setAside: string | undefined
}

/**
 * Opens the room's progress file (`<dataDir>/room-progress.json`), or keeps it in memory without
 * a file. Progress is a convenience of the room view, not a record of money: a file that cannot be
 * read is moved aside (`.broken`) and the room starts empty, instead of stopping the bank.
 *
 * @example
 * const progress = await openProgressFile('.data/solution/room-progress.json')
 * progress.data.attendees.length
 */
export async function openProgressFile(file: string | undefined): Promise<ProgressFile> {
  if (!file) {
    const db = new Low<ProgressData>(new Memory(), { attendees: [] })
    return { data: db.data, save: () => db.write(), setAside: undefined }
  }
  await mkdir(dirname(file), { recursive: true })
  let data: ProgressData = { attendees: [] }
  let setAside: string | undefined
  try {
    const parsed = progressSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
    if (parsed.success) data = parsed.data
    else setAside = 'it is not a progress file'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') setAside = `it cannot be read (${code ?? (error as Error).message})`
  }
  if (setAside) {
    await rename(file, `${file}.broken`).catch(() => undefined)
    setAside = `The room's progress file ${file} was set aside as ${file}.broken: ${setAside}. The progress grid starts empty.`
  }
  // Not JSONFilePreset: it silently swaps to memory when NODE_ENV is 'test' (vitest).
  const db = new Low<ProgressData>(new JSONFile(file), data)
  let writes: Promise<void> = Promise.resolve()
  return {
    data: db.data,
    setAside,
    save() {
      // One write at a time, in order: the file always holds the latest complete data.
      writes = writes.then(() => db.write())
      return writes
    },
  }
}
