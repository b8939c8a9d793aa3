import { describe, expect, it } from 'vitest'
import { createReplayGuard } from '../../shared/bank/domain/replay-guard.js'

// The replay guard at the edges of its five-minute window, and the nonces it takes as a time.
const SIGNED_AT = Date.parse('2026-05-01T10:00:00Z')
const NONCE = String(SIGNED_AT / 1000)

function guardAt(start: number) {
  let now = start
  const replays = createReplayGuard({ now: () => now })
  return {
    isReplay: (nonce: string) => replays.isReplay({ nonce, signature: 'sig=' }),
    setClock: (ms: number) => {
      now = ms
    },
  }
}

describe('the replay guard’s window', () => {
  it('takes a nonce exactly five minutes old, and refuses one a millisecond older', () => {
    expect(guardAt(SIGNED_AT + 300_000).isReplay(NONCE)).toBe(false)
    expect(guardAt(SIGNED_AT + 300_001).isReplay(NONCE)).toBe(true)
  })

  it('still remembers a callback at the last millisecond its nonce is fresh', () => {
    const guard = guardAt(SIGNED_AT)
    expect(guard.isReplay(NONCE)).toBe(false)
    guard.setClock(SIGNED_AT + 300_000)
    expect(guard.isReplay(NONCE)).toBe(true)
  })
})

describe('the replay guard’s nonces', () => {
  it.each([`${NONCE}.5`, `${NONCE}.123456`])('takes %s: epoch seconds with a fraction', (nonce) => {
    expect(guardAt(Number(nonce) * 1000).isReplay(nonce)).toBe(false)
  })

  it.each([`x${NONCE}`, `${NONCE}x`, `${NONCE}.`, ` ${NONCE}`, `${NONCE}\n`])(
    'refuses %j: a time with anything around it',
    (nonce) => {
      expect(guardAt(SIGNED_AT).isReplay(nonce)).toBe(true)
    }
  )
})
