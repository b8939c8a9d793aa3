import { setMaxListeners } from 'node:events'
import { isAuthyError } from '../../authy/index.js'
import { isFinal, type SentTransfer, type Transfer } from '../../model/transfer.js'
import type { StepNumber } from '../../steps/contracts.js'
import { locateStep, type AppFolder } from '../../steps/locate-step.js'
import { isStepNotDone, stepCause, StepFailedError } from '../../steps/run-step.js'
import { messageOf, stepFailedText, stepLabel } from '../../steps/step-messages.js'
import type { ApprovalProvider } from '../provider/provider.js'
import type { BankStore, Clock } from '../store/store.js'
import { retryDelayMs } from './backoff.js'
import type { CallbackHealth } from './callback-health.js'
import { isGone, isProviderError, providerMessage } from './provider-errors.js'

/** Why a watcher stopped waiting: what `sleep` throws into step 3. */
export type WaitEndReason = 'expired' | 'decided' | 'shutdown'

/** Thrown by `sleep` (and by cancelled calls) when waiting no longer makes sense. */
export class WaitEndedError extends Error {
  constructor(readonly reason: WaitEndReason) {
    super(
      reason === 'expired'
        ? 'Stopped waiting: the approval request expired.'
        : reason === 'decided'
          ? 'Stopped waiting: the transfer was already decided (a callback brought the answer).'
          : 'Stopped waiting: the app is shutting down.'
    )
    this.name = 'WaitEndedError'
  }
}

/** Runs step 3 in the background, one loop per pending transfer, with the safety net around it. */
export interface ApprovalWatcher {
  /** Starts watching a pending transfer, unless it is already watched. */
  watch(transfer: Transfer): void
  isWatching(transferId: string): boolean
  /**
   * At start-up: a transfer left `sending` by a crash becomes `failed`; every `pending` one is
   * watched again (those already past their expiry resolve at once).
   */
  resume(): Promise<void>
  /**
   * Ends every loop (their step 3 sees `sleep` throw) and waits for them to finish, each for at
   * most a couple of seconds: a step 3 that ignores `sleep` is logged and left behind.
   */
  stop(): Promise<void>
}

export interface ApprovalWatcherOptions {
  store: BankStore
  /** Authy (step 3) or Verify: follows each transfer. */
  provider: ApprovalProvider
  /** The configured poll interval (POLL_INTERVAL_MS). */
  pollIntervalMs: number
  /** Once callbacks are confirmed, step 3 is given the slower safety-net interval. */
  callbacks?: Pick<CallbackHealth, 'pollIntervalMs'>
  /** For messages naming the step's file. */
  app: AppFolder
  /** How long after `expiresAt` to give up waiting. Default 2000. */
  expiryGraceMs?: number
  /** The longest wait between retries after a failure. Default 30000. */
  maxBackoffMs?: number
  /** How long `stop()` waits for each step 3 to end. Default 2000. */
  stopTimeoutMs?: number
  clock?: Clock
  log?: (line: string) => void
}

/**
 * Creates the watcher that runs step 3 for each pending transfer. It ends the step's loop (by
 * making `sleep` throw and cancelling its Authy calls) at expiry plus a grace, at shutdown, or as
 * soon as the transfer is decided elsewhere; shows failures on the transfer and retries with
 * backoff; and stops for good when the step is not written yet.
 *
 * @example
 * const watcher = createApprovalWatcher({ store, authy, waitForApproval: steps.waitForApproval,
 *   pollIntervalMs: 1000, app: { rootDir, variant: 'solution' } })
 * await watcher.resume()
 * watcher.watch(transfer)
 */
export function createApprovalWatcher(options: ApprovalWatcherOptions): ApprovalWatcher {
  const { store, provider, pollIntervalMs } = options
  const clock = options.clock ?? Date.now
  const log = options.log ?? ((line: string) => console.log(line))
  const graceMs = options.expiryGraceMs ?? 2000
  const maxBackoffMs = options.maxBackoffMs ?? 30_000
  const stopTimeoutMs = options.stopTimeoutMs ?? 2000
  const loops = new Map<string, { controller: AbortController; done: Promise<void> }>()
  const shutdown = new AbortController()
  // Every watched transfer listens for the shutdown: as many listeners as transfers is expected.
  setMaxListeners(0, shutdown.signal)

  const stepMessage = (step: StepNumber, error: unknown): string => {
    const location = locateStep(options.app, step)
    if (isStepNotDone(error)) {
      return (
        `${upperFirst(stepLabel(location.guide))} is not done yet, so nothing is ` +
        `checking this approval request. Write it in ${location.file}; the app picks it up when ` +
        'it restarts.'
      )
    }
    return `${upperFirst(stepFailedText(location, stepCause(error)))}.`
  }

  async function finalRead(transfer: SentTransfer): Promise<void> {
    let status: string = 'pending'
    try {
      status = await provider.readApprovalStatus(
        { approvalId: transfer.approvalUuid, userId: transfer.userId },
        shutdown.signal
      )
    } catch (error) {
      if (shutdown.signal.aborted) return
      log(
        `Transfer ${transfer.id}: the last status check after expiry failed (${messageOf(error)}).`
      )
    }
    if (shutdown.signal.aborted) return
    await store.saveStatus(transfer.approvalUuid, status === 'pending' ? 'expired' : status)
  }

  async function run(transfer: SentTransfer, controller: AbortController): Promise<void> {
    const { signal } = controller
    setMaxListeners(0, signal)
    const end = (reason: WaitEndReason) => {
      if (!signal.aborted) controller.abort(new WaitEndedError(reason))
    }
    const unsubscribe = store.onTransferChange((changed) => {
      if (changed.id === transfer.id && isFinal(changed.status)) end('decided')
    })
    const expiresAt =
      Date.parse(transfer.expiresAt ?? '') ||
      Date.parse(transfer.createdAt) + transfer.secondsToExpire * 1000
    const expiry = setTimeout(() => end('expired'), Math.max(0, expiresAt + graceMs - clock()))
    const stopOnShutdown = () => end('shutdown')
    shutdown.signal.addEventListener('abort', stopOnShutdown, { once: true })

    // Failures in a row: the backoff grows with them, and a successful poll starts it again.
    let failures = 0
    // Chosen when the loop starts: a transfer sent after callbacks are confirmed polls slowly.
    const stepIntervalMs = options.callbacks?.pollIntervalMs(pollIntervalMs) ?? pollIntervalMs

    // A loop that forgets to sleep would hammer Authy: space its calls, and say so once.
    const minGapMs = Math.min(250, pollIntervalMs / 2)
    let lastCall = 0
    let warned = false
    const calls = {
      before: async () => {
        const wait = lastCall + minGapMs - clock()
        if (wait > 0) {
          if (!warned) {
            warned = true
            log(
              `Transfer ${transfer.id}: step 3 asks Authy again without waiting. Did you forget ` +
                '`await sleep(pollIntervalMs)` in the loop?'
            )
          }
          await pause(wait, signal)
        }
        lastCall = clock()
      },
      after: () => {
        failures = 0
        void store.setProblem(transfer.id, null).catch(() => undefined)
      },
    }

    // The `sleep` step 3 gets. Once the wait is over it only ever rejects, and:
    // - the promise it returns is never an unhandled rejection, even when step 3 forgets `await`;
    // - called after the end (a loop that catches its error and goes round again), it rejects
    //   only after the usual pause, so such a loop cannot freeze the app by spinning.
    let sleepsAfterTheEnd = 0
    const sleep = (ms: number): Promise<void> => {
      let slept: Promise<void>
      if (signal.aborted) {
        if (++sleepsAfterTheEnd === 2) {
          log(
            `Transfer ${transfer.id}: step 3 calls sleep again after sleep said to stop waiting. ` +
              'Let that error end the loop: do not catch it.'
          )
        }
        slept = pause(Math.min(ms, stepIntervalMs)).then(() => Promise.reject(signal.reason))
      } else {
        slept = pause(ms, signal)
      }
      slept.catch(() => undefined)
      return slept
    }

    try {
      while (!signal.aborted) {
        try {
          await provider.waitForApproval({
            transfer: structuredClone(transfer),
            transfers: store,
            pollIntervalMs: stepIntervalMs,
            sleep,
            signal,
            calls,
          })
          const now = store.findTransferByUuid(transfer.approvalUuid)
          if (!now || now.status !== 'pending') return
          throw new StepFailedError(
            3,
            new Error('it returned while the transfer is still pending (was the status saved?)')
          )
        } catch (error) {
          if (signal.aborted) break
          if (isStepNotDone(error)) {
            log(`Transfer ${transfer.id}: ${stepMessage(error.step, error)}`)
            await store.setProblem(transfer.id, {
              message: stepMessage(error.step, error),
              missingStep: error.step,
            })
            await pause(Number.POSITIVE_INFINITY, signal).catch(() => undefined)
            break
          }
          if (isGone(error)) {
            const message = isAuthyError(error)
              ? `Authy no longer knows this approval request (${error.describe()}), so it can ` +
                'never be approved. Send the transfer again.'
              : `The approval request is gone (${providerMessage(error)}), so it can never be ` +
                'approved. Send the transfer again.'
            log(`Transfer ${transfer.id}: failed. ${message}`)
            await store.markFailed(transfer.id, { message })
            return
          }
          failures++
          const delay = retryDelayMs({
            attempt: failures,
            baseMs: pollIntervalMs,
            capMs: maxBackoffMs,
            retryAfterSeconds: isAuthyError(error) ? error.retryAfterSeconds : undefined,
          })
          const what = isAuthyError(error)
            ? `Could not check the approval request: ${error.describe()}.`
            : isProviderError(error)
              ? `Could not check the approval request: ${providerMessage(error)}.`
              : stepMessage(3, error)
          const message = `${what} Retrying in ${Math.max(1, Math.round(delay / 1000))} s.`
          log(`Transfer ${transfer.id}: ${message}`)
          await store.setProblem(transfer.id, { message })
          await pause(delay, signal).catch(() => undefined)
        }
      }
      const reason = (signal.reason as WaitEndedError | undefined)?.reason
      if (reason === 'expired') await finalRead(transfer)
    } finally {
      clearTimeout(expiry)
      unsubscribe()
      shutdown.signal.removeEventListener('abort', stopOnShutdown)
    }
  }

  const watcher: ApprovalWatcher = {
    watch(transfer) {
      if (shutdown.signal.aborted || loops.has(transfer.id)) return
      if (transfer.status !== 'pending' || !transfer.approvalUuid) return
      const controller = new AbortController()
      const done = run(transfer as SentTransfer, controller)
        .catch((error: unknown) => {
          log(`Transfer ${transfer.id}: the watcher stopped unexpectedly (${messageOf(error)}).`)
        })
        .finally(() => {
          loops.delete(transfer.id)
        })
      loops.set(transfer.id, { controller, done })
    },

    isWatching(transferId) {
      return loops.has(transferId)
    },

    async resume() {
      for (const transfer of store.transfersWithStatus('sending')) {
        await store.markFailed(transfer.id, {
          message:
            'The app stopped while sending this approval request, so the bank cannot follow it. ' +
            'If a request for it reached your phone, deny it; then send the transfer again.',
        })
      }
      for (const transfer of store.transfersWithStatus('pending')) watcher.watch(transfer)
    },

    async stop() {
      shutdown.abort(new WaitEndedError('shutdown'))
      // A step 3 that waits with its own timer and catches every error never ends: stopping the
      // app must not wait for it, or Ctrl+C would never close the ports.
      await Promise.all(
        [...loops].map(async ([id, loop]) => {
          let timer: NodeJS.Timeout | undefined
          const late = new Promise<'late'>((resolve) => {
            timer = setTimeout(() => resolve('late'), stopTimeoutMs)
          })
          const outcome = await Promise.race([loop.done, late])
          clearTimeout(timer)
          if (outcome === 'late') {
            log(
              `Step 3 did not stop in time for transfer ${id}: it does not end when \`sleep\` ` +
                'throws (does it wait with its own timer, or catch every error?). Stopping without it.'
            )
          }
        })
      )
    },
  }
  return watcher
}

/**
 * Waits `ms` (never, for `Infinity`); rejects with the signal's reason as soon as it is aborted.
 *
 * @example
 * await pause(1000, controller.signal)
 */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    // No timer for "until aborted" (setTimeout would turn Infinity into 1 ms).
    const timer =
      ms === Number.POSITIVE_INFINITY ? undefined : setTimeout(done, Math.max(0, ms || 0))
    function done() {
      signal?.removeEventListener('abort', aborted)
      resolve()
    }
    function aborted() {
      if (timer) clearTimeout(timer)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', aborted, { once: true })
  })
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
