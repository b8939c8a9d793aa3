import type { BankContext } from './bank-env.js'

/** How long a flash waits to be shown: the redirect that follows it is immediate. */
const FLASH_MS = 60_000

/** A sentence for the next page this browser loads, after a redirect: "We sent a new code." */
export interface Flash {
  set(c: BankContext, text: string): void
  /** The sentence left for this browser, once. */
  take(c: BankContext): string | undefined
}

/**
 * Flash messages, kept in memory by session id for a minute: what a form post says on the page it
 * redirects to, without putting the text in the URL.
 *
 * @example
 * flash.set(c, 'We sent a new code.'); return c.redirect('/verify', 303)
 */
export function createFlash(clock: () => number = Date.now): Flash {
  const kept = new Map<string, { text: string; until: number }>()
  return {
    set(c, text) {
      const sessionId = c.get('sessionId')
      if (!sessionId) return
      for (const [id, flash] of kept) if (flash.until < clock()) kept.delete(id)
      kept.set(sessionId, { text, until: clock() + FLASH_MS })
    },
    take(c) {
      const sessionId = c.get('sessionId')
      const flash = sessionId ? kept.get(sessionId) : undefined
      if (!flash) return undefined
      kept.delete(sessionId!)
      return flash.until >= clock() ? flash.text : undefined
    },
  }
}
