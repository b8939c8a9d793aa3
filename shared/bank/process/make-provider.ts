import type { AuthyClient } from '../../authy/index.js'
import type { RunningSandbox, SandboxControl } from '../../sandbox/index.js'
import type { Steps } from '../../steps/contracts.js'
import type { TwilioClient } from '../../twilio/client.js'
import type { SandboxInfo } from '../bank-deps.js'
import { authyProvider } from '../provider/authy-provider.js'
import type { ApprovalProvider } from '../provider/provider.js'
import {
  pointWebhookAt,
  SANDBOX_SERVICE_NAME,
  sandboxServiceSid,
} from '../provider/verify/service-setup.js'
import { verifyProvider } from '../provider/verify/verify-provider.js'
import { createWebhookReplayGuard } from '../provider/verify/webhook.js'
import { VERIFY_WEBHOOK_PATH, type BankConfig } from './config.js'

/** The embedded sandbox with its control client. */
type Sandbox = RunningSandbox & { control: SandboxControl }

/**
 * Twilio Verify could not be set up at start (wrong credentials, an unknown Service): the message
 * says what Twilio answered and what to check.
 */
export class VerifySetupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'VerifySetupError'
  }
}

/**
 * The provider `PROVIDER` names. Authy: the workshop steps with the Authy client. Verify: the
 * Verify Service (the sandbox's "OneTouch Bank", made at the first start, or VERIFY_SERVICE_SID),
 * its webhook pointed at this app (at `appUrl` with the sandbox, VERIFY_WEBHOOK_URL with real
 * Twilio: none means polling only), and with the sandbox a push factor on each new user's phone,
 * as the bank's own app with the Verify Push SDK would make it.
 *
 * @example
 * const provider = await makeProvider({ config, steps, authy, twilio, sandbox, appUrl, clock, log })
 */
export async function makeProvider(input: {
  config: BankConfig
  steps: Steps
  authy: AuthyClient
  twilio: TwilioClient
  sandbox: Sandbox | undefined
  /** Where the sandbox reaches this app (no port in process: no webhooks then). */
  appUrl: string | undefined
  clock: () => number
  log: (line: string) => void
}): Promise<ApprovalProvider> {
  const { config, twilio, sandbox } = input
  if (config.provider.name === 'authy') {
    return authyProvider({
      authy: input.authy,
      steps: input.steps,
      twilio,
      twilioFrom: config.twilio.fromNumber,
    })
  }
  const live = config.twilio.mode === 'live'
  const webhookUrl = live
    ? config.provider.webhookUrl
    : input.appUrl && `${input.appUrl}${VERIFY_WEBHOOK_PATH}`
  let serviceSid: string
  try {
    serviceSid = config.provider.serviceSid ?? (await sandboxServiceSid(twilio))
    if (webhookUrl) await pointWebhookAt(twilio, serviceSid, webhookUrl)
  } catch (error) {
    throw new VerifySetupError(
      `Twilio Verify could not be set up: ${(error as Error).message}. ` +
        (live
          ? 'Check TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and VERIFY_SERVICE_SID.'
          : 'Delete the data folder’s sandbox.json if it was made by another version.')
    )
  }
  input.log(
    `Twilio Verify: Service ${serviceSid}; ` +
      (webhookUrl ? `webhooks go to ${webhookUrl}.` : 'no VERIFY_WEBHOOK_URL, so polling only.')
  )
  return verifyProvider({
    twilio,
    serviceSid,
    authToken: config.twilio.authToken,
    twilioFrom: config.twilio.fromNumber,
    webhookUrl,
    enrolPhone:
      sandbox &&
      (async (identity, user) => {
        await sandbox.control.verify.addPushFactor(identity, {
          service_sid: serviceSid,
          country_code: user.countryCode,
          phone_number: user.phoneNumber,
          email: user.email,
          friendly_name: SANDBOX_SERVICE_NAME,
        })
      }),
    replays: createWebhookReplayGuard({ now: input.clock }),
    clock: input.clock,
  })
}

/**
 * What the pages need of the embedded sandbox: a user's phone page, the Authy one (by Authy id)
 * or the Verify Push one (by phone). A phone link never changes: asked once per user.
 *
 * @example
 * const info = sandboxInfo(sandbox, provider)
 * await info.phoneUrl(user)
 */
export function sandboxInfo(sandbox: Sandbox, provider: ApprovalProvider): SandboxInfo {
  const phoneUrls = new Map<string, string>()
  return {
    url: sandbox.url,
    publicUrl: sandbox.publicUrl,
    async phoneUrl(user) {
      let url = phoneUrls.get(user.id)
      if (url === undefined) {
        if (provider.name === 'verify') {
          url = (await sandbox.control.verify.device(user.countryCode, user.phoneNumber)).phone_url
        } else {
          if (user.authyId === null) throw new Error('this user has no Authy id')
          url = (await sandbox.control.user(user.authyId)).phone_url
        }
        phoneUrls.set(user.id, url)
      }
      return url
    },
  }
}
