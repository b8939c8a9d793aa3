import type { StartSignInStep } from '../../steps/contracts.js'
import { callStep, expectDetails, expectThat, type CheckContext } from './context.js'
import { registeredUser } from './fixtures.js'
import { describeValue, whereStepIs } from './problem.js'

const EXPECTED =
  "startSignIn to send one OneTouch approval request, 'Request to sign in to OneTouch Bank', " +
  'with the details Email, IP Address, Browser and Time and the short expiry it is given, and ' +
  'return its uuid.'

// Unusual values, so nothing hard-coded can pass by accident.
const SECONDS_TO_EXPIRE = 117
const BROWSER = { ip: '203.0.113.77', userAgent: 'CheckerBrowser/8.1', at: '2026-05-01T10:00:00.000Z' }

/**
 * Step 7 passes when the attendee's `startSignIn` creates exactly one approval request for the
 * user with the sign-in's message, details and expiry, and returns its uuid (the app signs in only
 * when that request is approved).
 *
 * @example
 * await checkStartSignIn(ctx, startSignIn)
 */
export async function checkStartSignIn(
  ctx: CheckContext,
  startSignIn: StartSignInStep
): Promise<void> {
  const where = whereStepIs(ctx.target, 7)
  const user = await registeredUser(ctx, { app: true })

  const uuid = await callStep(ctx, 7, EXPECTED, () =>
    startSignIn({ authy: ctx.authy, user, browser: BROWSER, secondsToExpire: SECONDS_TO_EXPIRE })
  )

  const requests = await ctx.control.approvalRequests(user.authyId)
  expectThat(requests.length > 0, {
    expected: EXPECTED,
    happened: `No approval request reached Authy for this user (Authy id ${user.authyId}).`,
    next: `In ${where}, call \`authy.createApprovalRequest({ authyId: user.authyId, ... })\` and await it.`,
  })
  expectThat(requests.length === 1, {
    expected: EXPECTED,
    happened: `${requests.length} approval requests reached Authy for one sign-in.`,
    next: `Call authy.createApprovalRequest once per sign-in in ${where}.`,
  })
  const request = requests[0]!
  expectThat(uuid === request.uuid, {
    expected: EXPECTED,
    happened: `The step returned ${describeValue(uuid)}, but the approval request's uuid is "${request.uuid}".`,
    next: `Return \`reply.approval_request.uuid\` from Authy's reply (in ${where}).`,
  })
  expectThat(/sign in/i.test(request.message) && request.message.includes('OneTouch Bank'), {
    expected: EXPECTED,
    happened: `The message was "${request.message}".`,
    next: `Use the message 'Request to sign in to OneTouch Bank' in ${where}.`,
  })
  expectDetails(
    request.details,
    [
      ['Email', user.email, 'user.email'],
      ['IP Address', BROWSER.ip, 'browser.ip'],
      ['Browser', BROWSER.userAgent, 'browser.userAgent'],
      ['Time', BROWSER.at, 'browser.at'],
    ],
    { expected: EXPECTED, where }
  )
  expectThat(request.seconds_to_expire === SECONDS_TO_EXPIRE, {
    expected: EXPECTED,
    happened: `The request expires after ${request.seconds_to_expire} s, but the app asked for ${SECONDS_TO_EXPIRE} s: a sign-in must not wait long.`,
    next: `Pass \`secondsToExpire\` (the step's input) to authy.createApprovalRequest in ${where}.`,
  })
}
