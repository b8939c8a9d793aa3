import { formatDollars } from '../../model/money.js'
import type { SendApprovalRequestStep } from '../../steps/contracts.js'
import { callStep, expectDetails, expectThat, type CheckContext } from './context.js'
import { registeredUser, storedTransfer } from './fixtures.js'
import { describeValue, whereStepIs } from './problem.js'

const EXPECTED =
  'sendApprovalRequest to send one OneTouch approval request carrying the transfer (From, To, ' +
  'Account Number, US Dollar Amount) and secondsToExpire, and return its uuid.'

// An unusual expiry, so a hard-coded 600 or Authy's default cannot pass by accident.
const SECONDS_TO_EXPIRE = 321

/**
 * Step 2 passes when the attendee's `sendApprovalRequest` creates exactly one approval request
 * for the user in the sandbox, with the transfer's details and expiry, and returns its uuid.
 *
 * @example
 * await checkSendApprovalRequest(ctx, sendApprovalRequest)
 */
export async function checkSendApprovalRequest(
  ctx: CheckContext,
  sendApprovalRequest: SendApprovalRequestStep
): Promise<void> {
  const where = whereStepIs(ctx.target, 2)
  const user = await registeredUser(ctx)
  const transfer = storedTransfer(user, 1234)

  const uuid = await callStep(ctx, 2, EXPECTED, () =>
    sendApprovalRequest({ authy: ctx.authy, user, transfer, secondsToExpire: SECONDS_TO_EXPIRE })
  )

  const requests = await ctx.control.approvalRequests(user.authyId)
  expectThat(requests.length > 0, {
    expected: EXPECTED,
    happened: `No approval request reached Authy for this user (Authy id ${user.authyId}).`,
    next: `In ${where}, call \`authy.createApprovalRequest({ authyId: user.authyId, ... })\` and await it.`,
  })
  expectThat(requests.length === 1, {
    expected: EXPECTED,
    happened: `${requests.length} approval requests reached Authy for one transfer: the phone would buzz ${requests.length} times.`,
    next: `Call authy.createApprovalRequest once per transfer in ${where}.`,
  })
  const request = requests[0]!
  expectThat(uuid === request.uuid, {
    expected: EXPECTED,
    happened: `The step returned ${describeValue(uuid)}, but the approval request's uuid is "${request.uuid}".`,
    next: `Return \`reply.approval_request.uuid\` from Authy's reply (in ${where}).`,
  })

  const details = request.details ?? {}
  expectDetails(
    details,
    [
      ['From', user.email, 'user.email'],
      ['To', transfer.recipientEmail, 'transfer.recipientEmail'],
      ['Account Number', transfer.accountNumber, 'transfer.accountNumber'],
    ],
    { expected: EXPECTED, where }
  )
  const amount = details['US Dollar Amount']
  expectThat(typeof amount === 'string' && amount.replace(/[$,\s]/g, '') === '12.34', {
    expected: EXPECTED,
    happened: `The detail "US Dollar Amount" was ${amount === undefined ? 'missing' : `"${amount}"`} for a transfer of ${formatDollars(1234)}.`,
    next: `Add \`'US Dollar Amount': formatDollars(transfer.amountCents)\` to the details in ${where}.`,
  })
  expectThat(request.message.includes(transfer.recipientEmail), {
    expected: EXPECTED,
    happened: `The message was "${request.message}": it does not name the recipient ${transfer.recipientEmail}.`,
    next: `Use a message like \`Transfer money to \${transfer.recipientEmail}\` in ${where}.`,
  })
  expectThat(request.seconds_to_expire === SECONDS_TO_EXPIRE, {
    expected: EXPECTED,
    happened: `The request expires after ${request.seconds_to_expire} s, but the app asked for ${SECONDS_TO_EXPIRE} s.`,
    next: `Pass \`secondsToExpire\` (the step's input) to authy.createApprovalRequest in ${where}.`,
  })
}
