// Twilio Verify's webhook, the equivalent of workshop step 4 (`npm run diff -- 4 --provider
// verify`): signed with X-Twilio-Signature (an HMAC-SHA1 with the Auth Token, no timestamp), so
// the app refuses what it saw before by the webhook's `uuid`, and reads the challenge itself.
import twilio from 'twilio'
import type { CallbackVerdict, TransferStatusStore } from '../../../steps/contracts.js'
import type { VerifyService } from './verify-service.js'

/** A Verify webhook as it arrived: its form fields and the `X-Twilio-Signature` header. */
export interface VerifyWebhook {
  params: Record<string, string>
  signature: string | undefined
}

/** Remembers the webhooks already received. */
export interface WebhookReplayGuard {
  /**
   * True when this webhook must not be trusted again: it has no `uuid`, or the same `uuid` came
   * before. Otherwise remembers it and returns false. Call it after checking the signature.
   */
  isReplay(webhook: VerifyWebhook): boolean
}

const CHALLENGE_SID = /^YC[0-9a-fA-F]{32}$/
const IDENTITY = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/

/**
 * Step 4 with Verify: checks the signature (the official library's `validateRequest`, which
 * compares in constant time), refuses a replay, and for a challenge's answer reads the challenge
 * from Verify and stores its status: the webhook is a hint, what Verify says is the answer.
 * Factor events are accepted and change nothing.
 *
 * @example
 * const verdict = await receiveWebhook({ webhook, authToken, webhookUrl, replays, verify, transfers })
 */
export async function receiveWebhook({
  webhook,
  authToken,
  webhookUrl,
  replays,
  verify,
  transfers,
}: {
  webhook: VerifyWebhook
  authToken: string
  /** This app's webhook URL exactly as Verify was given it: it is part of what is signed. */
  webhookUrl: string
  replays: WebhookReplayGuard
  verify: VerifyService
  transfers: TransferStatusStore
}): Promise<CallbackVerdict> {
  const { params } = webhook
  // #region step 4
  const genuine = twilio.validateRequest(authToken, webhook.signature ?? '', webhookUrl, params)
  if (!genuine) return { accepted: false, reason: 'The signature does not match.' }
  if (replays.isReplay(webhook)) return { accepted: false, reason: 'This webhook was replayed.' }
  if (params.type !== 'challenge.approved' && params.type !== 'challenge.denied')
    return { accepted: true }
  const sid = params.challenge_sid ?? ''
  const identity = params.entity_identity ?? ''
  if (!CHALLENGE_SID.test(sid) || !IDENTITY.test(identity))
    return { accepted: false, reason: 'The webhook names no challenge.' }
  const challenge = await verify.entities(identity).challenges(sid).fetch()
  await transfers.saveStatus(sid, challenge.status)
  return { accepted: true }
  // #endregion step 4
}

/**
 * A replay guard for Verify webhooks: each `uuid` is accepted once. Twilio's signature carries no
 * time, so the guard remembers uuids for `windowMs` (default a day), at most `limit` of them (the
 * oldest forgotten first).
 *
 * @example
 * const replays = createWebhookReplayGuard()
 * replays.isReplay({ params: { uuid: 'a' }, signature: 's' }) // false, then true
 */
export function createWebhookReplayGuard(
  options: { windowMs?: number; limit?: number; now?: () => number } = {}
): WebhookReplayGuard {
  const windowMs = options.windowMs ?? 24 * 60 * 60_000
  const limit = options.limit ?? 10_000
  const now = options.now ?? Date.now
  const seen = new Map<string, number>()
  return {
    isReplay({ params }) {
      const uuid = params.uuid
      if (!uuid) return true
      const current = now()
      for (const [key, at] of seen) {
        if (current - at <= windowMs && seen.size < limit) break
        seen.delete(key)
      }
      if (seen.has(uuid)) return true
      seen.set(uuid, current)
      return false
    },
  }
}
