import { isFinal, type Transfer } from '../../model/transfer.js'
import type {
  OneTouchCallback,
  ReceiveCallbackStep,
  ReplayGuard,
  TransferStatusStore,
} from '../../steps/contracts.js'
import { locateStep, type AppFolder } from '../../steps/locate-step.js'
import { isStepNotDone, runStep, stepCause } from '../../steps/run-step.js'
import { stepFailedText } from '../../steps/step-messages.js'
import type { BankStore } from '../store/store.js'
import type { CallbackHealth } from './callback-health.js'

/** What receiving a OneTouch callback needs. */
export interface CallbackDeps {
  /** Where the step files are, to name step 4's in messages. */
  app: AppFolder
  /** Callbacks are signed with the Authy API key. */
  apiKey: string
  /** This app's callback URL exactly as Authy was given it; none means callbacks are off. */
  callbackUrl: string | undefined
  receiveCallback: ReceiveCallbackStep
  replays: ReplayGuard
  /** Where step 4 saves the status; `findTransferByUuid` words the log line. */
  store: TransferStatusStore & Partial<Pick<BankStore, 'findTransferByUuid'>>
  log: (line: string) => void
  /** Told when a callback is accepted: callbacks then reach this app. */
  callbacks?: Pick<CallbackHealth, 'confirm'>
}

/** How a callback was handled. */
export type CallbackOutcome =
  | { kind: 'callbacks-off' }
  /** Authy calls back only when the user approves or denies: anything else is refused unread. */
  | { kind: 'not-a-decision'; status: string }
  | { kind: 'accepted' }
  | { kind: 'refused'; reason: string }
  | { kind: 'step-missing' }
  | { kind: 'step-failed' }

/**
 * Hands a OneTouch callback to step 4, which checks it and saves its status, and logs what it
 * really changed. A missing step 4 or one that throws never takes the app down.
 *
 * @example
 * const outcome = await handleCallback(deps, await readCallback(request))
 * if (outcome.kind === 'accepted') return c.text('OK')
 */
export async function handleCallback(
  deps: CallbackDeps,
  callback: OneTouchCallback
): Promise<CallbackOutcome> {
  const { log } = deps
  if (!deps.callbackUrl) return { kind: 'callbacks-off' }
  const callbackUrl = deps.callbackUrl
  if (callback.status !== 'approved' && callback.status !== 'denied') {
    const status = callback.status.slice(0, 40)
    log(
      `Callback refused: its status is ${JSON.stringify(status)}, but Authy calls back only ` +
        'with approved or denied.'
    )
    return { kind: 'not-a-decision', status }
  }
  // What step 4 stored, to log what the callback really changed.
  let saved: { status: string; changed: boolean } | undefined
  const transfers: TransferStatusStore = {
    saveStatus: async (approvalUuid, status) => {
      const changed = await deps.store.saveStatus(approvalUuid, status)
      if (approvalUuid === callback.uuid) saved = { status, changed }
      return changed
    },
  }
  try {
    const verdict = await runStep(4, () =>
      deps.receiveCallback({
        callback,
        apiKey: deps.apiKey,
        callbackUrl,
        replays: deps.replays,
        transfers,
      })
    )
    if (verdict?.accepted === true) {
      const transfer = deps.store.findTransferByUuid?.(callback.uuid)
      log(`Callback accepted${callbackOutcome(transfer, saved)}.`)
      deps.callbacks?.confirm()
      return { kind: 'accepted' }
    }
    const reason =
      typeof verdict?.reason === 'string' ? verdict.reason.slice(0, 200) : 'no reason given'
    log(`Callback refused: ${reason}`)
    return { kind: 'refused', reason }
  } catch (error) {
    if (isStepNotDone(error)) {
      log('A OneTouch callback arrived, but step 4 is not done yet: relying on polling.')
      return { kind: 'step-missing' }
    }
    log(`Callback failed: ${stepFailedText(locateStep(deps.app, 4), stepCause(error))}`)
    return { kind: 'step-failed' }
  }
}

// What an accepted callback did, for the log: " for transfer X: changed to approved", …
function callbackOutcome(
  transfer: Transfer | undefined,
  saved: { status: string; changed: boolean } | undefined
): string {
  if (!transfer) return ': no change, the approval request is not one of ours'
  const about = ` for transfer ${transfer.id}`
  if (saved?.changed) return `${about}: changed to ${saved.status}`
  if (isFinal(transfer.status)) return `${about}: no change, it is already ${transfer.status}`
  if (saved) return `${about}: no change, ${JSON.stringify(saved.status)} is not a decision`
  return `${about}: no change, step 4 did not save a status`
}
