import { setTimeout as delay } from 'node:timers/promises'
import type { WaitForApprovalStep } from '../../steps/contracts.js'
import { expectThat, callStep, type CheckContext } from './context.js'
import { recordingStore, registeredUser, sentTransfer } from './fixtures.js'
import { whereStepIs } from './problem.js'

const EXPECTED =
  "waitForApproval to ask Authy for the request's status every pollIntervalMs until it leaves " +
  "'pending' (approved, denied or expired), store that status, and then stop asking."

const POLL_INTERVAL_MS = 100
// Time given to the loop while the request is pending: about five polls at the pace above.
const PENDING_WINDOW_MS = 500
// Far more than that pace allows: a loop without a pause asks hundreds of times.
const MAX_POLLS_IN_WINDOW = 20
const END_WITHIN_MS = 3000

const OUTCOMES = ['approved', 'denied', 'expired'] as const
type Outcome = (typeof OUTCOMES)[number]

/**
 * Step 3 passes when the attendee's loop, for each of approved, denied and expired: polls while
 * pending at a steady pace, ends soon after the decision, stores that status, and sends no
 * further request afterwards (counted in the sandbox's request log).
 *
 * @example
 * await checkWaitForApproval(ctx, waitForApproval)
 */
export async function checkWaitForApproval(
  ctx: CheckContext,
  waitForApproval: WaitForApprovalStep
): Promise<void> {
  for (const outcome of OUTCOMES) await checkOutcome(ctx, waitForApproval, outcome)
}

async function checkOutcome(
  ctx: CheckContext,
  step: WaitForApprovalStep,
  outcome: Outcome
): Promise<void> {
  const where = whereStepIs(ctx.target, 3)
  const user = await registeredUser(ctx)
  const transfer = await sentTransfer(ctx, user)
  const transfers = recordingStore()
  const stop = new AbortController()
  const sleep = (ms: number) => delay(ms, undefined, { signal: stop.signal })
  const polls = async () =>
    (await ctx.control.requests(`/onetouch/json/approval_requests/${transfer.approvalUuid}`)).length

  let ended = false
  const running = callStep(ctx, 3, EXPECTED, () =>
    step({ authy: ctx.authy, transfer, transfers, pollIntervalMs: POLL_INTERVAL_MS, sleep })
  ).finally(() => {
    ended = true
  })
  running.catch(() => {})

  try {
    await delay(PENDING_WINDOW_MS)
    if (ended) await running
    expectThat(!ended, {
      expected: EXPECTED,
      happened: `The loop ended while the approval request was still pending (it had saved ${savedText(transfers.saved)}).`,
      next: `Keep looping while the status is 'pending' in ${where}.`,
    })
    const whilePending = await polls()
    expectThat(whilePending > 0, {
      expected: EXPECTED,
      happened: `The loop never asked Authy for the status in ${PENDING_WINDOW_MS} ms.`,
      next: `Call \`authy.getApprovalRequest({ uuid: transfer.approvalUuid })\` inside the loop in ${where}.`,
    })
    expectThat(whilePending <= MAX_POLLS_IN_WINDOW, {
      expected: EXPECTED,
      happened: `The loop asked Authy ${whilePending} times in ${PENDING_WINDOW_MS} ms: it does not pause between polls.`,
      next: `Wait with \`await sleep(pollIntervalMs)\` on every turn of the loop in ${where}.`,
    })

    await decide(ctx, transfer.approvalUuid, outcome)
    const finished = await Promise.race([running.then(() => true), delay(END_WITHIN_MS, false)])
    expectThat(finished, {
      expected: EXPECTED,
      happened: `The request ${pastTense(outcome)}, but the loop was still running ${END_WITHIN_MS / 1000} s later.`,
      next: `End the loop once the status is no longer 'pending' (${outcome} included) in ${where}.`,
    })
  } finally {
    stop.abort()
  }

  expectThat(
    transfers.saved.some((s) => s.approvalUuid === transfer.approvalUuid && s.status === outcome),
    {
      expected: EXPECTED,
      happened: `The request ${pastTense(outcome)}, but the loop saved ${savedText(transfers.saved)}.`,
      next: `After the loop, call \`await transfers.saveStatus(transfer.approvalUuid, status)\` in ${where}.`,
    }
  )
  const atEnd = await polls()
  await delay(POLL_INTERVAL_MS * 5)
  const later = await polls()
  expectThat(later === atEnd, {
    expected: EXPECTED,
    happened: `The loop ended, but Authy was asked ${later - atEnd} more times afterwards: something keeps polling.`,
    next: `Poll only inside the loop (no setInterval), and stop once the status is known, in ${where}.`,
  })
}

async function decide(ctx: CheckContext, uuid: string, outcome: Outcome): Promise<void> {
  if (outcome === 'approved') await ctx.control.approve(uuid)
  else if (outcome === 'denied') await ctx.control.deny(uuid)
  else await ctx.control.expire(uuid)
}

function savedText(saved: { status: string }[]): string {
  return saved.length === 0 ? 'no status' : saved.map((s) => `'${s.status}'`).join(', then ')
}

// "The request was approved", "was denied", but "expired": nobody expires it.
function pastTense(outcome: Outcome): string {
  return outcome === 'expired' ? 'expired' : `was ${outcome}`
}
