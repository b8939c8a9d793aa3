import type { BankData } from './store-schema.js'

/** What the record modules of the store share: the data, and a write of all of it. */
export interface StoreContext {
  data: BankData
  /** Writes the data to disk; resolves once it is there. */
  save(): Promise<void>
  /** Now, as an ISO date. */
  now(): string
}

/**
 * A deep copy, so nothing outside the store holds a stored record.
 *
 * @example
 * return copy(transfer)
 */
export function copy<T>(value: T): T {
  return structuredClone(value)
}
