import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { isFinal, type Transfer } from '../../model/transfer.js'
import type { BankAppDeps } from '../bank-deps.js'
import { missingStepOf } from '../domain/transfers.js'
import { ownTransfer } from '../http/access.js'
import type { BankEnv } from '../http/bank-env.js'
import { liveStream } from '../http/live-stream.js'
import { transferView } from '../views/transfer-view.js'

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
  return new Hono<BankEnv>().get('/transfers/:id/events', (c) => {
    const { user, transfer } = ownTransfer(c, deps)
    return streamSSE(c, (stream) =>
      liveStream(stream, {
        event: 'transfer',
        first: () => store.getTransfer(transfer.id, user.id) ?? transfer,
        subscribe: (send) =>
          store.onTransferChange((changed) => {
            if (changed.id === transfer.id) send(changed)
          }),
        view: (current: Transfer) => ({
          ...transferView(current),
          missingStep: missingStepOf(config, current)?.guide.step ?? null,
        }),
        isFinal: (current) => isFinal(current.status),
        signal: deps.signal,
      })
    )
  })
}
