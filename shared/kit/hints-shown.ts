import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Target } from './target.js'

/**
 * How many hints of each step an attendee has asked for, kept in `.data/hints-shown.json` beside
 * the app folder, so each `npm run hint -- N` gives one more.
 *
 * @example
 * const shown = hintsShown(target)
 * shown.count(2) // 1
 * shown.save(2, 2)
 */
export function hintsShown(target: Target): {
  count(step: number): number
  save(step: number, count: number): void
} {
  const file = resolve(target.dir, '..', '.data', 'hints-shown.json')
  const read = (): Record<string, number> => {
    try {
      const kept: unknown = JSON.parse(readFileSync(file, 'utf8'))
      return typeof kept === 'object' && kept !== null ? (kept as Record<string, number>) : {}
    } catch {
      return {}
    }
  }
  return {
    count(step) {
      const count = read()[String(step)]
      return Number.isSafeInteger(count) && count! > 0 ? count! : 0
    },
    save(step, count) {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, `${JSON.stringify({ ...read(), [String(step)]: count }, null, 2)}\n`)
    },
  }
}
