import { randomBytes } from 'node:crypto'
import type { User } from '../../model/user.js'
import { messageOf } from '../../steps/step-messages.js'
import { newRequestId } from '../forms/transfer-form.js'
import { newId } from './new-id.js'
import { hashPassword } from './passwords.js'
import { isProviderError, providerMessage } from './provider-errors.js'
import { sendTransfer, type SendTransferDeps } from './transfers.js'

/**
 * The demo account's email: a reserved domain (`.invalid`), and a password nobody knows, so no one
 * can sign in as it or take it over by signing up.
 */
export const DEMO_EMAIL = 'presenter-demo@onetouch-bank.invalid'

/** The transfer the demo sends: small, round, obviously made up. */
const DEMO_ORDER = { recipientEmail: 'grace@example.com', accountNumber: '20261130', amountCents: 2500 }

/** The presenter's phone for the demo: the sandbox's phone page of this number, or a real phone. */
export interface DemoPhone {
  countryCode: string
  phoneNumber: string
}

/** How the demo ended. */
export type DemoOutcome =
  | { kind: 'sent'; user: User }
  | { kind: 'failed'; user: User | undefined; message: string }

/**
 * Sends a transfer from the demo account to the presenter's phone: registers the demo account
 * with the provider the first time (Authy's step 1, or Verify), then sends the transfer as any
 * transfer is sent (followed by the watcher), so the room sees exactly what a learner sees.
 *
 * @example
 * const outcome = await sendDemoTransfer({ ...sendDeps, phone })
 * if (outcome.kind === 'sent') redirect(`/presenter?key=…`)
 */
export async function sendDemoTransfer(
  deps: SendTransferDeps & { phone: DemoPhone }
): Promise<DemoOutcome> {
  let user = deps.store.findUserByEmail(DEMO_EMAIL)
  if (!user) {
    try {
      const id = newId()
      const authyId = await deps.provider.registerUser({ userId: id, email: DEMO_EMAIL, ...deps.phone })
      const now = new Date(deps.clock()).toISOString()
      user = {
        id,
        email: DEMO_EMAIL,
        ...deps.phone,
        authyId,
        createdAt: now,
        passwordHash: await hashPassword(randomBytes(32).toString('hex')),
        phoneConfirmed: { at: now, by: 'skipped' },
      }
      await deps.store.addUser(user)
    } catch (error) {
      const why = isProviderError(error) ? providerMessage(error) : messageOf(error)
      return { kind: 'failed', user: undefined, message: `The demo account could not be registered: ${why}` }
    }
  }

  const outcome = await sendTransfer(deps, user, { ...DEMO_ORDER, requestId: newRequestId() })
  switch (outcome.kind) {
    case 'sent':
    case 'duplicate':
      return { kind: 'sent', user }
    case 'too-many-pending':
      return {
        kind: 'failed',
        user,
        message: `${outcome.waiting} demo transfers already wait on the demo phone: approve or deny them there first.`,
      }
    case 'provider-failed':
      return { kind: 'failed', user, message: outcome.transfer.problem?.message ?? 'Authy refused it.' }
    default:
      return { kind: 'failed', user, message: messageOf(outcome.error) }
  }
}
