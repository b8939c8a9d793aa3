import type { AppSummary } from '../../sandbox/index.js'

/** How often the room view asks the sandbox for its applications. */
export const ROOM_APPS_REFRESH_MS = 2000

/** The applications attendees joined in the room the sandbox runs, kept fresh for the room view. */
export interface RoomApps {
  /** The joined applications as last read, oldest first. */
  current(): AppSummary[]
  /** Calls `listener` when the list or any figure in it changed. Returns the unsubscribe function. */
  onChange(listener: () => void): () => void
  stop(): void
}

/**
 * Reads the room's applications (`GET /sandbox/apps` of the presenter's own sandbox) every
 * {@link ROOM_APPS_REFRESH_MS}, and says when they changed: someone joined, registered a phone,
 * or had a request decided.
 *
 * @example
 * const apps = followRoomApps({ read: () => control.apps(), log })
 * apps.current().length
 */
export function followRoomApps(input: {
  read: () => Promise<AppSummary[]>
  log: (line: string) => void
  refreshMs?: number
}): RoomApps {
  let apps: AppSummary[] = []
  let seen = '[]'
  let failing = false
  const listeners = new Set<() => void>()
  const refresh = async () => {
    try {
      const read = (await input.read()).filter((app) => app.room)
      failing = false
      const text = JSON.stringify(read)
      if (text === seen) return
      seen = text
      apps = read
      for (const listener of listeners) listener()
    } catch (error) {
      if (!failing) input.log(`The room view could not read the room's applications: ${(error as Error).message}`)
      failing = true
    }
  }
  const timer = setInterval(() => void refresh(), input.refreshMs ?? ROOM_APPS_REFRESH_MS)
  timer.unref()
  void refresh()
  return {
    current: () => structuredClone(apps),
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop: () => clearInterval(timer),
  }
}
