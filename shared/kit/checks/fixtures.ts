import { randomUUID } from 'node:crypto'
import type { SentTransfer, Transfer } from '../../model/transfer.js'
import type { AuthyUser, User } from '../../model/user.js'
import type { TransferStatusStore } from '../../steps/contracts.js'
import { newEmail, newPhoneNumber, type CheckContext } from './context.js'

/**
 * A user registered in the check's sandbox directly (not through the attendee's step 1), so each
 * step is checked on its own. With `app`, the phone has the Authy app (as after opening its phone
 * page): Authy then skips its texts unless forced.
 *
 * @example
 * const user = await registeredUser(ctx, { app: true })
 */
export async function registeredUser(
  ctx: CheckContext,
  options: { app?: boolean } = {}
): Promise<AuthyUser> {
  const email = newEmail('grace')
  const phoneNumber = newPhoneNumber()
  const reply = await ctx.authy.registerUser({ email, cellphone: phoneNumber, countryCode: '1' })
  if (options.app) await ctx.control.setDevice(reply.user.id, true)
  return {
    id: randomUUID(),
    email,
    countryCode: '1',
    phoneNumber,
    authyId: reply.user.id,
    createdAt: new Date().toISOString(),
    passwordHash: null,
    phoneConfirmed: null,
  }
}

/**
 * The texts a user's phone received in the check's sandbox since `since`, oldest first: Authy's
 * codes and Twilio's messages alike.
 *
 * @example
 * const [sms] = await textsTo(ctx, user, startedAt)
 */
export async function textsTo(ctx: CheckContext, user: User, since: number) {
  const messages = await ctx.control.messages(user.countryCode, user.phoneNumber)
  return messages
    .filter((message) => message.channel === 'sms' && Date.parse(message.created_at) >= since)
    .reverse()
}

/**
 * A stored transfer that has not been sent yet, as the app hands it to step 2.
 *
 * @example
 * const transfer = storedTransfer(user, 1234) // $12.34
 */
export function storedTransfer(user: User, amountCents: number): Transfer {
  return {
    id: randomUUID(),
    userId: user.id,
    requestId: randomUUID(),
    recipientEmail: newEmail('bob'),
    accountNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)),
    amountCents,
    status: 'sending',
    approvalUuid: null,
    secondsToExpire: 600,
    createdAt: new Date().toISOString(),
    expiresAt: null,
    decidedAt: null,
    problem: null,
  }
}

/**
 * A transfer whose approval request was created in the sandbox directly, as step 3 gets it.
 *
 * @example
 * const transfer = await sentTransfer(ctx, await registeredUser(ctx))
 */
export async function sentTransfer(ctx: CheckContext, user: AuthyUser): Promise<SentTransfer> {
  const transfer = storedTransfer(user, 2500)
  const reply = await ctx.authy.createApprovalRequest({
    authyId: user.authyId,
    message: `Transfer money to ${transfer.recipientEmail}`,
    details: { To: transfer.recipientEmail },
    secondsToExpire: 600,
  })
  return { ...transfer, status: 'pending', approvalUuid: reply.approval_request.uuid }
}

/** A transfer store that remembers what the step saved, for the check to inspect. */
export interface RecordingStore extends TransferStatusStore {
  saved: { approvalUuid: string; status: string }[]
}

/** @example const transfers = recordingStore(); await step({ transfers }); transfers.saved */
export function recordingStore(): RecordingStore {
  const saved: RecordingStore['saved'] = []
  return {
    saved,
    async saveStatus(approvalUuid, status) {
      saved.push({ approvalUuid, status })
      return true
    },
  }
}
