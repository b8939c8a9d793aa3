import type { TransferStatusStore } from '../../steps/contracts.js'
import type { VerifyWebhook } from '../provider/verify/webhook.js'
import type { VerifyProvider } from '../provider/verify/verify-provider.js'
import type { BankStore } from '../store/store.js'
import { isProviderError, providerMessage } from './provider-errors.js'

/** How a Verify webhook was handled. */
export type VerifyWebhookOutcome =
  | { kind: 'accepted' }
  | { kind: 'refused'; reason: string }
  /** Checked, but Verify could not be asked for the challenge: Twilio may send it again. */
  | { kind: 'failed'; message: string }

/**
 * Hands a Verify webhook to the provider (step 4's equivalent: signature, replay, the challenge
 * read from Verify, its status stored) and logs what it changed. Never throws for Verify's own
 * failures.
 *
 * @example
 * const outcome = await handleVerifyWebhook({ provider, store, log }, webhook)
 */
export async function handleVerifyWebhook(
  deps: {
    provider: VerifyProvider
    store: TransferStatusStore & Pick<BankStore, 'findTransferByUuid'>
    log: (line: string) => void
  },
  webhook: VerifyWebhook
): Promise<VerifyWebhookOutcome> {
  let saved: { sid: string; status: string; changed: boolean } | undefined
  const transfers: TransferStatusStore = {
    saveStatus: async (sid, status) => {
      const changed = await deps.store.saveStatus(sid, status)
      saved = { sid, status, changed }
      return changed
    },
  }
  try {
    const verdict = await deps.provider.receiveWebhook(webhook, transfers)
    if (!verdict.accepted) {
      deps.log(`Verify webhook refused: ${verdict.reason}`)
      return { kind: 'refused', reason: verdict.reason }
    }
    deps.log(`Verify webhook ${String(webhook.params.type).slice(0, 40)} accepted${changeOf(deps.store, saved)}.`)
    return { kind: 'accepted' }
  } catch (error) {
    if (!isProviderError(error)) throw error
    const message = providerMessage(error)
    deps.log(`Verify webhook accepted, but the challenge could not be read (${message}): polling will.`)
    return { kind: 'failed', message }
  }
}

// What an accepted webhook did, for the log: " for transfer X: changed to approved", …
function changeOf(
  store: Pick<BankStore, 'findTransferByUuid'>,
  saved: { sid: string; status: string; changed: boolean } | undefined
): string {
  if (!saved) return ''
  const transfer = store.findTransferByUuid(saved.sid)
  const what = transfer ? `transfer ${transfer.id}` : `challenge ${saved.sid}`
  return saved.changed ? ` for ${what}: changed to ${saved.status}` : ` for ${what}: no change`
}
