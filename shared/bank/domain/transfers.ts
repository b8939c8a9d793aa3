import { isAuthyError } from '../../authy/index.js'
import { formatDollars } from '../../model/money.js'
import { isDecision, type Transfer } from '../../model/transfer.js'
import { phoneE164, type User } from '../../model/user.js'
import { maskAccountNumber } from '../../runtime/mask.js'
import type { StepNotDoneError, StepNumber } from '../../steps/contracts.js'
import { locateStep, type AppFolder, type StepLocation } from '../../steps/locate-step.js'
import { isStepNotDone, stepCause, StepFailedError } from '../../steps/run-step.js'
import { messageOf, stepLabel } from '../../steps/step-messages.js'
import type { TransferOrder } from '../forms/transfer-form.js'
import type { ApprovalProvider } from '../provider/provider.js'
import type { BankStore, Clock } from '../store/store.js'
import { newId } from './new-id.js'
import { isProviderError, providerMessage } from './provider-errors.js'
import { sendFailureMessage } from './send-failure.js'
import type { ApprovalWatcher } from './watcher.js'

/** What sending a transfer needs. */
export interface SendTransferDeps {
  /** Where the step files are, to name them in messages. */
  app: AppFolder
  store: BankStore
  /** Authy (step 2) or Verify. */
  provider: ApprovalProvider
  watcher: Pick<ApprovalWatcher, 'watch'>
  secondsToExpire: number
  /** At most this many transfers may wait on one phone at once (push bombing). */
  maxPendingPerPhone: number
  clock: Clock
  log: (line: string) => void
}

/** How sending a transfer ended. */
export type SendTransferOutcome =
  /** Stored, and its approval request is on the phone: the watcher follows it. */
  | { kind: 'sent'; transfer: Transfer }
  /** The same form sent again (double click, back button): the transfer it already made. */
  | { kind: 'duplicate'; transfer: Transfer }
  /** Nothing stored: this many transfers already wait on the same phone. */
  | { kind: 'too-many-pending'; waiting: number }
  /** Stored, then Authy refused or did not answer: the transfer failed and says why. */
  | { kind: 'provider-failed'; transfer: Transfer }
  /** Stored, but step 2 is not written yet: the transfer failed and names the step. */
  | { kind: 'step-missing'; transfer: Transfer; error: StepNotDoneError }
  /** Stored, but step 2 threw (a bug in the step): the transfer failed. */
  | { kind: 'step-failed'; transfer: Transfer; error: StepFailedError }

/**
 * Sends a transfer for approval: stores it first (so what the phone shows is exactly what was
 * stored), runs step 2, checks the uuid it returns, and hands the pending transfer to the watcher.
 * Whatever goes wrong after storing leaves the transfer `failed`, with a message for its page.
 *
 * @example
 * const outcome = await sendTransfer(deps, user, order)
 * if (outcome.kind === 'sent') redirect(`/transfers/${outcome.transfer.id}`)
 */
export async function sendTransfer(
  deps: SendTransferDeps,
  user: User,
  order: TransferOrder
): Promise<SendTransferOutcome> {
  const { store, log } = deps
  const existing = store.findTransferByRequest(user.id, order.requestId)
  if (existing) return { kind: 'duplicate', transfer: existing }

  const waiting = transfersOnPhone(store, user).filter(
    (transfer) => transfer.status === 'pending' || transfer.status === 'sending'
  ).length
  if (waiting >= deps.maxPendingPerPhone) {
    log(`Refused a transfer: ${waiting} are already waiting for approval on the same phone.`)
    return { kind: 'too-many-pending', waiting }
  }

  const transfer: Transfer = {
    id: newId(),
    userId: user.id,
    requestId: order.requestId,
    recipientEmail: order.recipientEmail,
    accountNumber: order.accountNumber,
    amountCents: order.amountCents,
    status: 'sending',
    approvalUuid: null,
    secondsToExpire: deps.secondsToExpire,
    createdAt: new Date(deps.clock()).toISOString(),
    expiresAt: null,
    decidedAt: null,
    problem: null,
  }
  await store.addTransfer(transfer)
  log(
    `Transfer ${transfer.id}: ${formatDollars(transfer.amountCents)} to account ` +
      `${maskAccountNumber(transfer.accountNumber)}; sending the approval request.`
  )

  let uuid: string
  try {
    uuid = await deps.provider.sendApprovalRequest({
      user,
      transfer: structuredClone(transfer),
      secondsToExpire: deps.secondsToExpire,
    })
    checkUuid(store, uuid)
  } catch (error) {
    return failed(deps, transfer, error)
  }

  const expiresAt = new Date(deps.clock() + deps.secondsToExpire * 1000).toISOString()
  const sent = await store.markSent(transfer.id, { approvalUuid: uuid, expiresAt })
  if (sent) deps.watcher.watch(sent)
  return { kind: 'sent', transfer: sent ?? transfer }
}

/**
 * Logs every decision as it is stored, however it came (polling, a callback, the expiry): one
 * line per transfer, `Transfer … approved.`. Returns the function that stops it.
 *
 * @example
 * const stop = logDecisions(store, console.log)
 */
export function logDecisions(
  store: Pick<BankStore, 'onTransferChange'>,
  log: (line: string) => void
): () => void {
  return store.onTransferChange((transfer) => {
    if (isDecision(transfer.status)) log(`Transfer ${transfer.id}: ${transfer.status}.`)
  })
}

/**
 * The step that holds a transfer up, while that step is still not written (its page then
 * explains the step); undefined once it is written or when nothing holds the transfer up.
 *
 * @example
 * missingStepOf(config, transfer)?.guide.step // 3
 */
export function missingStepOf(app: AppFolder, transfer: Transfer): StepLocation | undefined {
  const step = transfer.problem?.missingStep
  if (step === undefined) return undefined
  const location = locateStep(app, step as StepNumber)
  return location.notDone ? location : undefined
}

// The transfers waiting on this user's phone: an Authy id is one phone, whichever browsers
// registered it; without one (Verify), the users with the same number.
function transfersOnPhone(store: BankStore, user: User): Transfer[] {
  if (user.authyId !== null) return store.transfersOfAuthyId(user.authyId)
  const phone = phoneE164(user)
  return store
    .allUsers()
    .filter((other) => other.authyId === null && phoneE164(other) === phone)
    .flatMap((other) => store.transfersOf(other.id))
}

// Step 2 must return the uuid of a new approval request.
function checkUuid(store: BankStore, uuid: unknown): asserts uuid is string {
  if (typeof uuid !== 'string' || uuid.trim() === '') {
    throw new StepFailedError(
      2,
      new Error(`it returned ${JSON.stringify(uuid)} instead of the approval request's uuid`)
    )
  }
  if (store.findTransferByUuid(uuid)) {
    throw new StepFailedError(2, new Error(`it returned ${uuid}, the uuid of another transfer`))
  }
}

// The transfer failed after it was stored: say why on it, and tell the caller.
async function failed(
  deps: SendTransferDeps,
  transfer: Transfer,
  error: unknown
): Promise<SendTransferOutcome> {
  const { store } = deps
  if (isStepNotDone(error)) {
    // Final, so in the past: the step may well be written by the time this is read.
    const location = locateStep(deps.app, error.step)
    const stored = await store.markFailed(transfer.id, {
      message:
        `This transfer was never sent to the phone: ${stepLabel(location.guide)} was not ` +
        'written yet when this transfer was made.',
      missingStep: error.step,
    })
    return { kind: 'step-missing', transfer: stored ?? transfer, error }
  }
  if (isProviderError(error)) {
    const message = isAuthyError(error)
      ? sendFailureMessage(error, locateStep(deps.app, 2).file)
      : `The approval request could not be sent (${providerMessage(error)}).`
    deps.log(`Transfer ${transfer.id}: failed. ${message}`)
    const stored = await store.markFailed(transfer.id, { message })
    return { kind: 'provider-failed', transfer: stored ?? transfer }
  }
  const stored = await store.markFailed(transfer.id, {
    message: `Step 2 failed: ${messageOf(stepCause(error))}`,
  })
  const stepError = error instanceof StepFailedError ? error : new StepFailedError(2, error)
  return { kind: 'step-failed', transfer: stored ?? transfer, error: stepError }
}
