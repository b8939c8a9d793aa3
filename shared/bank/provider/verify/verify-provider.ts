import type { CallbackVerdict, TransferStatusStore } from '../../../steps/contracts.js'
import type { TwilioClient } from '../../../twilio/client.js'
import type { ApprovalProvider } from '../provider.js'
import { authenticator, registerIdentity, type Authenticator, type EnrolPhone } from './enrolment.js'
import { checkVerificationCode, sendVerificationCode } from './phone-codes.js'
import { checkSignInCode, sendSignInChallenge } from './sign-in.js'
import { challengeStatus, sendTransferChallenge, waitForChallenge } from './transfer-approval.js'
import { newestFactorSid, verifyIdentity } from './verify-service.js'
import { receiveWebhook, type VerifyWebhook, type WebhookReplayGuard } from './webhook.js'

/** The Verify provider: the bank's flows, and what only Verify has (webhooks, the authenticator). */
export interface VerifyProvider extends ApprovalProvider {
  readonly name: 'verify'
  /** Setting up an authenticator app (a TOTP factor) for the sign-in fallback. */
  authenticator: Authenticator
  /** Where Verify sends this app's webhooks, as it was given them; undefined: polling only. */
  webhookUrl: string | undefined
  /** A webhook that arrived (step 4's equivalent): checked, then the challenge's status stored. */
  receiveWebhook(webhook: VerifyWebhook, transfers: TransferStatusStore): Promise<CallbackVerdict>
}

/**
 * The Twilio Verify provider, through the official `twilio` library: an SMS Verification confirms
 * the phone, transfers and sign-ins are Verify Push challenges to the user's phone, the sign-in
 * fallback is a texted code or the authenticator app's TOTP, and webhooks bring answers at once
 * (polling stays the safety net: Verify sends nothing when a challenge expires). What each does is
 * in the files beside this one, in regions named after the workshop step they stand for.
 *
 * @example
 * const provider = verifyProvider({ twilio, serviceSid: 'VA…', authToken, twilioFrom, webhookUrl,
 *   enrolPhone: undefined, replays: createWebhookReplayGuard(), clock: Date.now })
 */
export function verifyProvider(deps: {
  twilio: TwilioClient
  serviceSid: string
  /** The account's Auth Token: it signs the webhooks. */
  authToken: string
  /** The number the confirmation text comes from. */
  twilioFrom: string
  webhookUrl: string | undefined
  /** The sandbox's stand-in for the bank's app on the phone; undefined with real Twilio. */
  enrolPhone: EnrolPhone | undefined
  replays: WebhookReplayGuard
  clock: () => number
}): VerifyProvider {
  const { twilio } = deps
  const verify = twilio.verify.v2.services(deps.serviceSid)
  return {
    name: 'verify',
    authenticator: authenticator(verify),
    webhookUrl: deps.webhookUrl,

    describe: (user) => `Verify identity ${verifyIdentity(user.id).slice(0, 12)}…`,

    registerUser: ({ userId, email, countryCode, phoneNumber }) =>
      registerIdentity({ verify, userId, email, countryCode, phoneNumber, enrolPhone: deps.enrolPhone }),

    sendSmsCode: (user) => sendVerificationCode({ verify, user }),

    confirmPhone: (user, code) =>
      checkVerificationCode({ verify, twilio, user, code, from: deps.twilioFrom }),

    sendApprovalRequest: ({ user, transfer, secondsToExpire }) =>
      sendTransferChallenge({ verify, user, transfer, secondsToExpire, now: deps.clock() }),

    waitForApproval: ({ transfer, transfers, pollIntervalMs, sleep, calls }) =>
      waitForChallenge({ verify, transfer, transfers, pollIntervalMs, sleep, calls }),

    // The official client's calls cannot be cancelled: a read in flight at shutdown just ends.
    readApprovalStatus: (request) => challengeStatus(verify, request),

    canPush: (user) =>
      newestFactorSid(verify, verifyIdentity(user.id), 'push').then(
        (sid) => sid !== undefined,
        // Unknown: try the push, whose own failure then says what is wrong.
        () => true
      ),

    startSignIn: ({ user, browser, secondsToExpire }) =>
      sendSignInChallenge({ verify, user, browser, secondsToExpire, now: deps.clock() }),

    checkSignInCode: (user, code) => checkSignInCode({ verify, user, code }),

    receiveWebhook(webhook, transfers) {
      if (!deps.webhookUrl) return Promise.resolve({ accepted: false, reason: 'Webhooks are off.' })
      return receiveWebhook({
        webhook,
        authToken: deps.authToken,
        webhookUrl: deps.webhookUrl,
        replays: deps.replays,
        verify,
        transfers,
      })
    },
  }
}

/**
 * Is this the Verify provider (with its webhooks and authenticator)?
 *
 * @example
 * if (isVerifyProvider(deps.provider)) app.route('/', verifyWebhookRoute(deps))
 */
export function isVerifyProvider(provider: ApprovalProvider): provider is VerifyProvider {
  return provider.name === 'verify'
}
