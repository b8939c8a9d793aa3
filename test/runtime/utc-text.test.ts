import { describe, expect, it } from 'vitest'
import { utcText } from '../../shared/runtime/utc-text.js'

describe('utcText', () => {
  it.each([
    ['2026-01-01T00:05:00.000Z', 'Jan 1, 00:05 UTC'],
    ['2026-03-09T00:59:59.999Z', 'Mar 9, 00:59 UTC'],
    ['2026-12-31T12:00:00.000Z', 'Dec 31, 12:00 UTC'],
    ['2026-07-04T23:59:00.000Z', 'Jul 4, 23:59 UTC'],
  ])('shows %s as %s, in 24-hour time', (iso, text) => {
    expect(utcText(iso)).toBe(text)
  })
})
