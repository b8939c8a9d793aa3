import { describe, expect, it } from 'vitest'
import { createReplayGuard } from '../../shared/bank/domain/replay-guard.js'

// A clock the test moves by hand: nothing here waits.
function clockAt(iso: string) {
  let now = Date.parse(iso)
  return {
    now: () => now,
    pass: (seconds: number) => {
      now += seconds * 1000
    },
    nonce: (offsetSeconds = 0) => String(Math.floor(now / 1000) + offsetSeconds),
  }
}

describe('the replay guard', () => {
  it('takes a fresh callback once, then refuses it for as long as its nonce is fresh', () => {
    const clock = clockAt('2026-05-01T10:00:00Z')
    const replays = createReplayGuard({ now: clock.now })
    const callback = { nonce: clock.nonce(), signature: 'sig-a=' }
    expect(replays.isReplay(callback)).toBe(false)
    expect(replays.isReplay(callback)).toBe(true)
    clock.pass(2)
    expect(replays.isReplay(callback)).toBe(true)
    clock.pass(60)
    expect(replays.isReplay(callback)).toBe(true)
    clock.pass(237)
    expect(replays.isReplay(callback)).toBe(true)
  })

  it('refuses a nonce more than five minutes old or ahead, seen before or not', () => {
    const clock = clockAt('2026-05-01T10:00:00Z')
    const replays = createReplayGuard({ now: clock.now })
    expect(replays.isReplay({ nonce: clock.nonce(-301), signature: 'old=' })).toBe(true)
    expect(replays.isReplay({ nonce: clock.nonce(301), signature: 'ahead=' })).toBe(true)
    expect(replays.isReplay({ nonce: clock.nonce(-299), signature: 'just-in=' })).toBe(false)
  })

  it('still refuses a callback after the five minutes: by then its nonce is too old', () => {
    const clock = clockAt('2026-05-01T10:00:00Z')
    const replays = createReplayGuard({ now: clock.now })
    const callback = { nonce: clock.nonce(), signature: 'sig-b=' }
    expect(replays.isReplay(callback)).toBe(false)
    clock.pass(301)
    expect(replays.isReplay(callback)).toBe(true)
  })

  it('tells apart two callbacks with the same nonce and different signatures', () => {
    const clock = clockAt('2026-05-01T10:00:00Z')
    const replays = createReplayGuard({ now: clock.now })
    const nonce = clock.nonce()
    expect(replays.isReplay({ nonce, signature: 'one=' })).toBe(false)
    expect(replays.isReplay({ nonce, signature: 'two=' })).toBe(false)
    expect(replays.isReplay({ nonce, signature: 'one=' })).toBe(true)
  })

  it.each([
    ['no nonce', { nonce: undefined, signature: 'x=' }],
    ['no signature', { nonce: '1777629600', signature: undefined }],
    ['a nonce that is not a time', { nonce: 'yesterday', signature: 'x=' }],
  ])('refuses a callback with %s', (_, callback) => {
    const replays = createReplayGuard({ now: () => Date.parse('2026-05-01T10:00:00Z') })
    expect(replays.isReplay(callback)).toBe(true)
  })
})
