import { isAuthyError } from '../../authy/index.js'
import { phoneE164 } from '../../model/user.js'
import type { ConfirmPhoneStep } from '../../steps/contracts.js'
import { callStep, expectThat, type CheckContext } from './context.js'
import { registeredUser, textsTo } from './fixtures.js'
import { CheckFailed, problemFromError, whereStepIs } from './problem.js'

const EXPECTED =
  "confirmPhone to check the code with Authy (a wrong one is refused), then text the user " +
  "'You did it! Signup complete :)' with Twilio, once."

const CONFIRMATION = 'You did it! Signup complete :)'

/**
 * Step 6 passes when the attendee's `confirmPhone` lets Authy's error through for a wrong code
 * (and texts nothing), and for the right code resolves and sends exactly one confirmation text
 * with the right body, to the user's phone, from the given number.
 *
 * @example
 * await checkConfirmPhone(ctx, confirmPhone)
 */
export async function checkConfirmPhone(
  ctx: CheckContext,
  confirmPhone: ConfirmPhoneStep
): Promise<void> {
  const where = whereStepIs(ctx.target, 6)
  const user = await registeredUser(ctx)
  const since = Date.now() - 1000
  await ctx.authy.requestSms({ authyId: user.authyId, force: true })
  const code = (await textsTo(ctx, user, since)).at(-1)?.code
  if (!code) {
    throw new CheckFailed({
      expected: EXPECTED,
      happened: 'The sandbox sent no code to check (a problem with the checker, not your code).',
      next: 'Run `npm run check` again; if it persists, tell the workshop presenter.',
    })
  }
  const wrong = code === '0000000' ? '1111111' : '0000000'
  const input = (typed: string) => ({
    authy: ctx.authy,
    twilio: ctx.twilio,
    user,
    code: typed,
    from: ctx.twilioFrom,
  })

  const refused = await confirmPhone(input(wrong)).then(
    () => undefined,
    (error: unknown) => error
  )
  expectThat(refused !== undefined, {
    expected: EXPECTED,
    happened: `The wrong code ${wrong} was taken: confirmPhone finished without an error.`,
    next: `Call \`await authy.verifyToken({ authyId: user.authyId, token: code, force: true })\` and let its error go up (no try/catch), in ${where}.`,
  })
  if (!isAuthyError(refused)) throw new CheckFailed(problemFromError(ctx.target, 6, refused, EXPECTED))
  const afterWrong = await confirmationsTo(ctx, user, since)
  expectThat(afterWrong.length === 0, {
    expected: EXPECTED,
    happened: 'A confirmation text was sent for a wrong code.',
    next: `Send the text only after authy.verifyToken succeeded, in ${where}.`,
  })

  await callStep(ctx, 6, EXPECTED, () => confirmPhone(input(code)))
  const sent = await confirmationsTo(ctx, user, since)
  expectThat(sent.length > 0, {
    expected: EXPECTED,
    happened: `The right code was taken, but no text reached ${phoneE164(user)}.`,
    next: `After the code, call \`await twilio.messages.create({ to: phoneE164(user), from, body: '${CONFIRMATION}' })\` in ${where}.`,
  })
  expectThat(sent.length === 1, {
    expected: EXPECTED,
    happened: `${sent.length} confirmation texts reached the phone for one sign-up.`,
    next: `Send the confirmation text once, in ${where}.`,
  })
  const [text] = sent
  expectThat(text!.body === CONFIRMATION, {
    expected: EXPECTED,
    happened: `The text said "${text!.body}".`,
    next: `Use the body '${CONFIRMATION}' in ${where}.`,
  })
  expectThat(text!.from === ctx.twilioFrom, {
    expected: EXPECTED,
    happened: `The text came from ${text!.from ?? 'no number'}, not from ${ctx.twilioFrom}.`,
    next: `Pass \`from\` (the step's input) to twilio.messages.create in ${where}.`,
  })
}

// Texts from Twilio (a sender number) to the user's phone: the confirmation texts.
async function confirmationsTo(ctx: CheckContext, user: Parameters<typeof textsTo>[1], since: number) {
  return (await textsTo(ctx, user, since)).filter((text) => text.from !== null)
}
