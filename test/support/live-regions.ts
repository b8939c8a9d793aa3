// Records what a screen reader would be told: every change of text inside a live region (an
// element with aria-live other than "off", or role status, alert or log) after the page has
// loaded, in every document the tab opens (across reloads and navigations), plus every change
// of the countdowns, which must not be announced.
import type { Page } from 'playwright-core'

/** One change of text in a page after it loaded. */
export interface TextChange {
  /** The id of the live region it happened in, or null outside any. */
  liveRegion: string | null
  /** The id of the nearest element with one (e.g. `countdown-time`). */
  element: string | null
  /** The live region's whole text after the change; outside one, the changed element's. */
  text: string
}

/**
 * Starts recording text changes in this tab; call before the first `goto`.
 *
 * @example
 * const changes = await recordTextChanges(page)
 * // … later: changes.filter((change) => change.liveRegion)
 */
export async function recordTextChanges(page: Page): Promise<TextChange[]> {
  const changes: TextChange[] = []
  await page.exposeFunction('__recordTextChange', (change: TextChange) => changes.push(change))
  await page.addInitScript(() => {
    const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]'
    const report = (window as unknown as { __recordTextChange: (change: unknown) => void })
      .__recordTextChange
    const start = () => {
      new MutationObserver((records) => {
        // One batch of changes to one region is one announcement.
        const seen = new Set<Element>()
        for (const record of records) {
          const node =
            record.target.nodeType === Node.ELEMENT_NODE
              ? (record.target as Element)
              : record.target.parentElement
          if (!node) continue
          const region = node.closest(LIVE)
          const owner = region ?? node
          if (seen.has(owner)) continue
          seen.add(owner)
          const text = (owner.textContent ?? '').replace(/\s+/g, ' ').trim()
          if (region && !text) continue
          report({
            liveRegion: region ? region.id || region.className : null,
            element: node.closest('[id]')?.id ?? null,
            text,
          })
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
    else start()
  })
  return changes
}

/**
 * The announcements among the recorded changes: the text of each live-region change.
 *
 * @example
 * expect(announcements(changes)).toEqual(['Money transfer approved. …'])
 */
export function announcements(changes: TextChange[]): string[] {
  return changes.filter((change) => change.liveRegion !== null).map((change) => change.text)
}
