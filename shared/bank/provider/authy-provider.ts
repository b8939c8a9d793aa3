import type { AuthyClient } from '../../authy/index.js'
import type { AuthyUser, User } from '../../model/user.js'
import type { Steps } from '../../steps/contracts.js'
import { runStep } from '../../steps/run-step.js'
import { isTwilioError, type TwilioClient } from '../../twilio/client.js'
import { cancellableAuthy } from './cancellable-authy.js'
import type { ApprovalProvider } from './provider.js'

/**
 * The Authy provider: every call is the workshop step that does it, run with `runStep` exactly as
 * the app always ran them (steps 1–3 and 5–8; step 4 is the callback route's), with the typed
 * Authy client. What a step does is the attendee's code, in `workshop/steps/` or
 * `solution/steps/`.
 *
 * @example
 * const provider = authyProvider({ authy, steps, twilio, twilioFrom: '+15005550006' })
 * const uuid = await provider.sendApprovalRequest({ user, transfer, secondsToExpire: 600 })
 */
export function authyProvider(deps: {
  authy: AuthyClient
  steps: Steps
  /** The official Twilio client step 6 texts with, and the number it texts from. */
  twilio: TwilioClient
  twilioFrom: string
}): ApprovalProvider {
  const { authy, steps } = deps
  return {
    name: 'authy',

    describe: (user) => `Authy id ${user.authyId}`,

    registerUser: ({ email, countryCode, phoneNumber }) =>
      runStep(1, () => steps.registerUser({ authy, email, countryCode, phoneNumber })),

    sendSmsCode: (user) =>
      runStep(5, () => steps.sendSmsCode({ authy, user: authyUser(user) })),

    async confirmPhone(user, code) {
      try {
        await runStep(6, () =>
          steps.confirmPhone({
            authy,
            twilio: deps.twilio,
            user: authyUser(user),
            code,
            from: deps.twilioFrom,
          })
        )
        return {}
      } catch (error) {
        // Step 6 texts with Twilio only after Authy took the code: the phone is confirmed.
        if (isTwilioError(error)) return { textError: error }
        throw error
      }
    },

    sendApprovalRequest: ({ user, transfer, secondsToExpire }) =>
      runStep(2, () =>
        steps.sendApprovalRequest({ authy, user: authyUser(user), transfer, secondsToExpire })
      ),

    waitForApproval: ({ transfer, transfers, pollIntervalMs, sleep, signal, calls }) =>
      runStep(3, () =>
        steps.waitForApproval({
          authy: cancellableAuthy(authy, signal, calls),
          transfer,
          transfers,
          pollIntervalMs,
          sleep,
        })
      ),

    async readApprovalStatus({ approvalId }, signal) {
      const reply = await authy.getApprovalRequest({ uuid: approvalId }, { signal })
      return reply.approval_request.status
    },

    canPush: (user) =>
      authy.getUserStatus({ authyId: authyUser(user).authyId }).then(
        (reply) => reply.status.registered,
        // Unknown: try the push, whose own failure then says what is wrong.
        () => true
      ),

    startSignIn: ({ user, browser, secondsToExpire }) =>
      runStep(7, () =>
        steps.startSignIn({ authy, user: authyUser(user), browser, secondsToExpire })
      ),

    checkSignInCode: (user, token) =>
      runStep(8, () => steps.checkSignInCode({ authy, user: authyUser(user), token })),
  }
}

// Every user of an Authy bank has an Authy id (step 1 gave it); a copy, so a step cannot change
// the stored user.
function authyUser(user: User): AuthyUser {
  if (user.authyId === null) {
    throw new Error(
      `User ${user.id} has no Authy id: it signed up while the bank used Twilio Verify ` +
        '(PROVIDER=verify). Start the bank with PROVIDER=verify again, or sign up anew.'
    )
  }
  return structuredClone(user) as AuthyUser
}
