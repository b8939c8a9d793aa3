import type { BankRecords } from './bank-records.js'

/**
 * What the record modules of the store share: the records, and a write of one user's file (a
 * change to a record is saved by writing its user's file, whatever the size of the bank).
 */
export interface StoreContext {
  records: BankRecords
  /** Writes this user's file to disk; resolves once it is there. */
  save(userId: string): Promise<void>
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
