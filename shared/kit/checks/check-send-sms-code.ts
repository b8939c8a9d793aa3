import type { SendSmsCodeStep } from '../../steps/contracts.js'
import { callStep, expectThat, type CheckContext } from './context.js'
import { registeredUser, textsTo } from './fixtures.js'
import { whereStepIs } from './problem.js'

const EXPECTED =
  'sendSmsCode to have Authy text the user a code, even a user who has the Authy app (force).'

/**
 * Step 5 passes when the attendee's `sendSmsCode`, for a user who has the Authy app, makes one
 * SMS with a code arrive on that phone: Authy skips app users unless told to send anyway.
 *
 * @example
 * await checkSendSmsCode(ctx, sendSmsCode)
 */
export async function checkSendSmsCode(
  ctx: CheckContext,
  sendSmsCode: SendSmsCodeStep
): Promise<void> {
  const where = whereStepIs(ctx.target, 5)
  const user = await registeredUser(ctx, { app: true })
  const since = Date.now() - 1000

  await callStep(ctx, 5, EXPECTED, () => sendSmsCode({ authy: ctx.authy, user }))

  const asked = await ctx.control.requests(`/protected/json/sms/${user.authyId}*`)
  expectThat(asked.length > 0, {
    expected: EXPECTED,
    happened: 'Authy was never asked to send an SMS for this user.',
    next: `Call \`authy.requestSms({ authyId: user.authyId, ... })\` and await it, in ${where}.`,
  })
  const texts = await textsTo(ctx, user, since)
  expectThat(texts.length > 0, {
    expected: EXPECTED,
    happened:
      'Authy was asked for an SMS, but none arrived: this user has the Authy app, so Authy ' +
      'answered "ignored" and sent nothing.',
    next: `Pass \`force: true\` to authy.requestSms in ${where}.`,
  })
  expectThat(texts.length === 1 && texts[0]!.code, {
    expected: EXPECTED,
    happened: `${texts.length} texts arrived for one request: the user would not know which code counts.`,
    next: `Call authy.requestSms once in ${where}.`,
  })
}
