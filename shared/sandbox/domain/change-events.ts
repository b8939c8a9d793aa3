/** What changed, so open phone pages can refresh: one user, one phone's inbox, or everything. */
export interface Change {
  authyId?: number
  phoneKey?: string
  everyone?: boolean
}

/** A tiny in-process publish/subscribe for {@link Change}s. */
export interface ChangeEvents {
  emit(change: Change): void
  /** Returns the function that unsubscribes. */
  subscribe(listener: (change: Change) => void): () => void
}

/**
 * Creates the change feed that phone pages listen to (server-sent events).
 *
 * @example
 * const events = createChangeEvents()
 * const stop = events.subscribe((change) => console.log(change))
 * events.emit({ authyId: 100001 })
 * stop()
 */
export function createChangeEvents(): ChangeEvents {
  const listeners = new Set<(change: Change) => void>()
  return {
    emit(change) {
      for (const listener of listeners) listener(change)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
