import { setMaxListeners } from 'node:events'
import type { SignIn } from '../../model/sign-in.js'
import { messageOf } from '../../steps/step-messages.js'
import type { ApprovalProvider } from '../provider/provider.js'
import type { BankStore, Clock } from '../store/store.js'
import type { CallbackHealth } from './callback-health.js'

/** Follows pending sign-ins until the phone decides: the safety net under the callback. */
export interface SignInWatcher {
  /** Starts following a pending sign-in, unless it is already followed. */
  watch(signIn: SignIn): void
  isWatching(signInId: string): boolean
  /** At start-up: a sign-in left `sending` fails; every `pending` one is followed again. */
  resume(): Promise<void>
  /** Stops following every sign-in. */
  stop(): Promise<void>
}

/**
 * The bank's own poll of a sign-in's approval request (the steps poll transfers; sign-ins need no
 * step of their own): every `pollIntervalMs` until the phone decides, a callback brings the answer
 * first, or the request expires (then one last read).
 *
 * @example
 * const signInWatcher = createSignInWatcher({ store, authy, pollIntervalMs: 2000 })
 * signInWatcher.watch(signIn)
 */
export function createSignInWatcher(options: {
  store: BankStore
  /** Authy or Verify: reads the sign-in's approval request. */
  provider: ApprovalProvider
  pollIntervalMs: number
  /** Once callbacks are confirmed, sign-ins are polled at the slower safety-net pace. */
  callbacks?: Pick<CallbackHealth, 'pollIntervalMs'>
  /** How long after its expiry to give up on a sign-in. Default 2000. */
  expiryGraceMs?: number
  clock?: Clock
  log?: (line: string) => void
}): SignInWatcher {
  const { store, provider } = options
  const clock = options.clock ?? Date.now
  const log = options.log ?? ((line: string) => console.log(line))
  const graceMs = options.expiryGraceMs ?? 2000
  const loops = new Map<string, Promise<void>>()
  const shutdown = new AbortController()
  setMaxListeners(0, shutdown.signal)

  async function follow(signIn: SignIn & { approvalUuid: string }): Promise<void> {
    const done = new AbortController()
    const stop = () => done.abort()
    shutdown.signal.addEventListener('abort', stop, { once: true })
    const unsubscribe = store.onSignInChange((changed) => {
      if (changed.id === signIn.id && changed.status !== 'pending') stop()
    })
    const expiresAt = Date.parse(signIn.expiresAt ?? '') || clock()
    const intervalMs = options.callbacks?.pollIntervalMs(options.pollIntervalMs) ?? options.pollIntervalMs
    try {
      while (!done.signal.aborted) {
        const expired = clock() > expiresAt + graceMs
        const wait = expired ? 0 : Math.min(intervalMs, expiresAt + graceMs - clock())
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, wait))
          done.signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), {
            once: true,
          })
        })
        if (done.signal.aborted) return
        try {
          const status = await provider.readApprovalStatus(
            { approvalId: signIn.approvalUuid, userId: signIn.userId },
            shutdown.signal
          )
          if (status !== 'pending') {
            await store.saveStatus(signIn.approvalUuid, status)
            return
          }
        } catch (error) {
          if (shutdown.signal.aborted) return
          log(`Sign-in ${signIn.id}: could not check its approval request (${messageOf(error)}).`)
        }
        if (clock() > expiresAt + graceMs) {
          await store.saveStatus(signIn.approvalUuid, 'expired')
          return
        }
      }
    } finally {
      unsubscribe()
      shutdown.signal.removeEventListener('abort', stop)
    }
  }

  const watcher: SignInWatcher = {
    watch(signIn) {
      if (shutdown.signal.aborted || loops.has(signIn.id)) return
      if (signIn.status !== 'pending' || !signIn.approvalUuid) return
      const loop = follow(signIn as SignIn & { approvalUuid: string })
        .catch((error: unknown) => {
          log(`Sign-in ${signIn.id}: the watcher stopped unexpectedly (${messageOf(error)}).`)
        })
        .finally(() => loops.delete(signIn.id))
      loops.set(signIn.id, loop)
    },

    isWatching(signInId) {
      return loops.has(signInId)
    },

    async resume() {
      for (const signIn of store.signInsWithStatus('sending')) {
        await store.endSignIn(signIn.id, {
          status: 'failed',
          problem: { message: 'The app stopped while asking your phone: sign in again.' },
        })
      }
      for (const signIn of store.signInsWithStatus('pending')) watcher.watch(signIn)
    },

    async stop() {
      shutdown.abort()
      await Promise.all(loops.values())
    },
  }
  return watcher
}
