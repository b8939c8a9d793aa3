import type { MonthStats, StoredApp } from './store-schema.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/**
 * Adds one to an application's counter of the current month (UTC), for
 * `/protected/json/app/stats`.
 *
 * @example
 * countStat(app, Date.now(), 'sms_count')
 */
export function countStat(app: StoredApp, nowMs: number, counter: keyof MonthStats): void {
  const key = monthKey(nowMs)
  app.stats[key] ??= {
    api_calls_count: 0,
    auths_count: 0,
    calls_count: 0,
    sms_count: 0,
    users_count: 0,
  }
  app.stats[key][counter] += 1
}

/**
 * The `stats` list of an application's statistics: one element per month with activity, oldest
 * first.
 *
 * @example
 * monthlyStats(app) // [{ api_calls_count: 3, ..., month: 'November', year: 2026 }]
 */
export function monthlyStats(app: StoredApp) {
  return Object.keys(app.stats)
    .sort()
    .map((key) => {
      const [year, month] = key.split('-').map(Number)
      const counts = app.stats[key]
      return {
        api_calls_count: counts.api_calls_count,
        auths_count: counts.auths_count,
        calls_count: counts.calls_count,
        month: MONTHS[month - 1],
        sms_count: counts.sms_count,
        users_count: counts.users_count,
        year,
      }
    })
}

// The month of the last count, and when it began and ends: every API call counts, mostly in it.
let lastMonth = { key: '', fromMs: 0, toMs: 0 }

function monthKey(nowMs: number): string {
  if (nowMs >= lastMonth.fromMs && nowMs < lastMonth.toMs) return lastMonth.key
  const date = new Date(nowMs)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  lastMonth = {
    key: `${year}-${String(month + 1).padStart(2, '0')}`,
    fromMs: Date.UTC(year, month, 1),
    toMs: Date.UTC(year, month + 1, 1),
  }
  return lastMonth.key
}
