import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { isFinal, type Transfer } from '../../model/transfer.js'
import type { BankAppDeps } from '../bank-deps.js'
import { missingStepOf } from '../domain/transfers.js'
import { ownTransfer } from '../http/access.js'
import type { BankEnv } from '../http/bank-env.js'
import { transferView } from '../views/transfer-view.js'

/** A comment line now and then, so proxies and browsers keep an idle stream open. */
const HEARTBEAT_MS = 15_000

/**
 * `GET /transfers/:id/events`: the transfer's state as server-sent events, one now and one per
 * change, ending when it is final (or the app stops). Only for the transfer's own browser.
 *
 * @example
 * app.route('/', liveStatusRoute(deps))
 */
export function liveStatusRoute(
  deps: Pick<BankAppDeps, 'config' | 'store' | 'signal'>
): Hono<BankEnv> {
  const { config, store } = deps
  const liveView = (transfer: Transfer) => ({
    ...transferView(transfer),
    missingStep: missingStepOf(config, transfer)?.guide.step ?? null,
  })

  return new Hono<BankEnv>().get('/transfers/:id/events', (c) => {
    const { user, transfer } = ownTransfer(c, deps)
    return streamSSE(c, async (stream) => {
      let finish = () => {}
      const finished = new Promise<void>((resolve) => (finish = resolve))
      let queue = Promise.resolve()
      const send = (current: Transfer) => {
        queue = queue
          .then(() =>
            stream.writeSSE({
              event: 'transfer',
              data: JSON.stringify(liveView(current)),
              retry: 2000,
            })
          )
          .then(() => {
            if (isFinal(current.status)) finish()
          })
          .catch(() => finish())
      }
      const unsubscribe = store.onTransferChange((changed) => {
        if (changed.id === transfer.id) send(changed)
      })
      const heartbeat = setInterval(() => {
        queue = queue
          .then(() => stream.write(': still here\n\n'))
          .then(
            () => undefined,
            () => finish()
          )
      }, HEARTBEAT_MS)
      stream.onAbort(finish)
      deps.signal?.addEventListener('abort', finish, { once: true })
      send(store.getTransfer(transfer.id, user.id) ?? transfer)
      await finished
      await queue
      clearInterval(heartbeat)
      unsubscribe()
      deps.signal?.removeEventListener('abort', finish)
    })
  })
}
