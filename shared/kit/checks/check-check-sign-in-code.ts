import { isAuthyError } from '../../authy/index.js'
import type { CheckSignInCodeStep } from '../../steps/contracts.js'
import { callStep, expectThat, type CheckContext } from './context.js'
import { registeredUser, textsTo } from './fixtures.js'
import { CheckFailed, problemFromError, whereStepIs } from './problem.js'

const EXPECTED =
  "checkSignInCode to take a right code, from an SMS or from the Authy app, and to let Authy's " +
  'error through for a wrong one.'

/**
 * Step 8 passes when the attendee's `checkSignInCode` resolves for a right SMS code and for the
 * Authy app's current code, and rejects (with Authy's error) a wrong one.
 *
 * @example
 * await checkCheckSignInCode(ctx, checkSignInCode)
 */
export async function checkCheckSignInCode(
  ctx: CheckContext,
  checkSignInCode: CheckSignInCodeStep
): Promise<void> {
  const where = whereStepIs(ctx.target, 8)
  const user = await registeredUser(ctx, { app: true })
  const check = (token: string) => checkSignInCode({ authy: ctx.authy, user, token })

  const wrong = await check('0000000').then(
    () => undefined,
    (error: unknown) => error
  )
  expectThat(wrong !== undefined, {
    expected: EXPECTED,
    happened: 'The wrong code 0000000 was taken: checkSignInCode finished without an error.',
    next: `Call \`await authy.verifyToken({ authyId: user.authyId, token, force: true })\` and let its error go up (no try/catch), in ${where}.`,
  })
  if (!isAuthyError(wrong)) throw new CheckFailed(problemFromError(ctx.target, 8, wrong, EXPECTED))

  const since = Date.now() - 1000
  await ctx.authy.requestSms({ authyId: user.authyId, force: true })
  const sms = (await textsTo(ctx, user, since)).at(-1)?.code
  if (!sms) {
    throw new CheckFailed({
      expected: EXPECTED,
      happened: 'The sandbox sent no SMS code to try (a problem with the checker, not your code).',
      next: 'Run `npm run check` again; if it persists, tell the workshop presenter.',
    })
  }
  await callStep(ctx, 8, EXPECTED, () => check(sms))

  const { token } = await ctx.control.totp(user.authyId)
  await callStep(ctx, 8, EXPECTED, () => check(token))
  const asked = await ctx.control.requests(`/protected/json/verify/*/${user.authyId}*`)
  expectThat(asked.length >= 3, {
    expected: EXPECTED,
    happened: `Authy was asked to check ${asked.length} of the 3 codes: the others were not checked.`,
    next: `Check every code with authy.verifyToken in ${where}.`,
  })
}
