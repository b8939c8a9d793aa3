// From the approval leaving the phone page to the open transfer page showing "approved", in real
// Chromium, by the pages' own clocks (`performance.timeOrigin + performance.now()`, one clock for
// every page of the browser): in a bank holding many stored transfers, beside the same in an empty
// bank. The approval leaves when the phone page's form is sent (the start of its POST, from the
// Navigation Timing of the page it leads to); from the tap itself, Chromium adds its own start of
// a form's navigation (about 15 ms here), measured too. Each bank is the finished app in a process of its own (its sandbox in it, the callback
// over loopback). Bounded: a fixed number of approvals, each waited for at most 10 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { openBankStore } from '../../shared/bank/store/store.js'
import { findChromium } from '../../shared/runtime/chromium.js'
import { aVersionTwoBank } from '../bank/support/bank-v2.js'
import { benchBank, sendTransfer, signUp, type BenchBank, type Learner } from './bank-driver.js'
import { startBenchServer } from './bench-process.js'
import { TRANSFERS_PER_USER } from './store-writes.js'

/** Approve → page, in ms. */
export interface PageLatency {
  storedTransfers: number
  samples: number
  /** From the approval sent to the page showing it. */
  p50Ms: number
  p99Ms: number
  /** From the tap on Approve. */
  tapP50Ms: number
  tapP99Ms: number
}

export interface ApproveToPageResult {
  /** The bank holding `storedTransfers`. */
  full: PageLatency
  /** The same approvals in an empty bank. */
  empty: PageLatency
}

const WARM_UP = 3

// Installed in every page: the tap on Approve (the phone page) and the moment the transfer page
// shows the decision, each by the page's clock.
const MARKS = `
document.addEventListener('click', (event) => {
  if (event.target.closest && event.target.closest('button.approve'))
    window.__approveTapped(performance.timeOrigin + performance.now())
}, true)
document.addEventListener('DOMContentLoaded', () => {
  const transfer = document.getElementById('transfer')
  const badge = document.getElementById('status-badge')
  if (!transfer || !badge) return
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now()
    window.__liveAt ??= now
    if (badge.dataset.status === 'approved') window.__approvedAt ??= now
  }).observe(transfer, { subtree: true, childList: true, attributes: true, characterData: true })
})
`

/**
 * Measures approve → page in both banks; undefined (with the reason) without Chromium.
 *
 * @example
 * const result = await benchApproveToPage({ storedTransfers: 50_000, approvals: 100 })
 */
export async function benchApproveToPage(plan: {
  storedTransfers: number
  approvals: number
}): Promise<ApproveToPageResult | string> {
  const executablePath = findChromium()
  if (!executablePath) return 'Chromium was not found (set CHROMIUM_PATH): approve → page skipped.'
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  try {
    return {
      empty: await measure(browser, 0, plan.approvals),
      full: await measure(browser, plan.storedTransfers, plan.approvals),
    }
  } finally {
    await browser.close()
  }
}

async function measure(browser: Browser, stored: number, approvals: number): Promise<PageLatency> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-page-'))
  try {
    if (stored > 0) await storeTransfers(join(dir, 'bank.json'), stored)
    const server = await startBenchServer<{ url: string; sandboxUrl: string; sandboxKey: string }>(
      ['bank', dir]
    )
    try {
      const bank = benchBank(server.info)
      const learner = await signUp(bank, 0)
      const { fromSent, fromTap } = await approveInBrowser(browser, bank, learner, approvals)
      const sent = percentiles(fromSent)
      const tap = percentiles(fromTap)
      return {
        storedTransfers: stored,
        samples: fromSent.length,
        p50Ms: sent.p50,
        p99Ms: sent.p99,
        tapP50Ms: tap.p50,
        tapP99Ms: tap.p99,
      }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// A bank of `count` decided transfers, 20 a user, in the users' files (split from one bank.json).
async function storeTransfers(file: string, count: number): Promise<void> {
  const users = Math.ceil(count / TRANSFERS_PER_USER)
  const bank = aVersionTwoBank({ users, transfersPerUser: TRANSFERS_PER_USER, decidedOnly: true })
  writeFileSync(file, JSON.stringify(bank))
  await (await openBankStore({ file })).close()
}

async function approveInBrowser(
  browser: Browser,
  bank: BenchBank,
  learner: Learner,
  approvals: number
): Promise<{ fromSent: number[]; fromTap: number[] }> {
  const desk = await browser.newContext()
  const phone = await browser.newContext()
  const taps: number[] = []
  await phone.exposeFunction('__approveTapped', (at: number) => taps.push(at))
  await desk.exposeFunction('__approveTapped', () => undefined)
  for (const context of [desk, phone]) await context.addInitScript(MARKS)
  await desk.addCookies(
    learner.visitor
      .cookieHeader()
      .split('; ')
      .filter(Boolean)
      .map((pair) => {
        const index = pair.indexOf('=')
        return { name: pair.slice(0, index), value: pair.slice(index + 1), url: bank.url }
      })
  )
  const transferPage = await desk.newPage()
  const phonePage = await phone.newPage()
  const fromSent: number[] = []
  const fromTap: number[] = []
  try {
    // The first ones (not counted) warm the browser, the bank and the sandbox up.
    for (let i = 0; i < approvals + WARM_UP; i++) {
      const { transferId } = await sendTransfer(bank, learner)
      await transferPage.goto(`${bank.url}/transfers/${transferId}`)
      await transferPage.waitForFunction(() => (window as { __liveAt?: number }).__liveAt, null, {
        timeout: 10_000,
      })
      await phonePage.goto(learner.phoneUrl)
      taps.length = 0
      await phonePage.click('article.request button.approve', { timeout: 10_000 })
      const shownAt = await approvedAt(transferPage)
      const sentAt = await approvalSentAt(phonePage)
      if (taps.length !== 1) throw new Error(`${taps.length} taps on Approve were seen, not one.`)
      if (process.env.BENCH_LOG) console.error(`${taps[0]!.toFixed(1)} tap; ${sentAt.toFixed(1)} sent; ${shownAt.toFixed(1)} shown`)
      if (i < WARM_UP) continue
      fromSent.push(shownAt - sentAt)
      fromTap.push(shownAt - taps[0]!)
    }
  } finally {
    await desk.close()
    await phone.close()
  }
  return { fromSent, fromTap }
}

// When the phone page sent the approval: the start of the form's POST, which the page it was
// redirected to has as the start of its redirect.
async function approvalSentAt(phonePage: Page): Promise<number> {
  await phonePage.waitForLoadState('load')
  return phonePage.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    if (!navigation || navigation.redirectCount !== 1) throw new Error('No redirect after Approve')
    return performance.timeOrigin + navigation.redirectStart
  })
}

async function approvedAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => (window as { __approvedAt?: number }).__approvedAt,
    null,
    { timeout: 10_000 }
  )
  return (await handle.jsonValue()) as number
}

function percentiles(latencies: number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0
  return { p50: at(0.5), p99: at(0.99) }
}
