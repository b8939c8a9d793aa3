import type { RegisterUserStep } from '../../steps/contracts.js'
import { expectThat, newEmail, newPhoneNumber, callStep, type CheckContext } from './context.js'
import { describeValue, whereStepIs } from './problem.js'

const EXPECTED =
  'registerUser to register the user with Authy and return the Authy id Authy gives back.'

/**
 * Step 1 passes when calling the attendee's `registerUser` creates that user (right phone, right
 * country code) in the sandbox and returns the id the sandbox gave it.
 *
 * @example
 * await checkRegisterUser(ctx, registerUser)
 */
export async function checkRegisterUser(
  ctx: CheckContext,
  registerUser: RegisterUserStep
): Promise<void> {
  const email = newEmail('ada')
  const phoneNumber = newPhoneNumber()
  const countryCode = '1'
  const where = whereStepIs(ctx.target, 1)

  const authyId = await callStep(ctx, 1, EXPECTED, () =>
    registerUser({ authy: ctx.authy, email, countryCode, phoneNumber })
  )

  const registered = await ctx.control.findUser(countryCode, phoneNumber).catch(() => undefined)
  expectThat(registered, {
    expected: EXPECTED,
    happened: `No user with the phone +${countryCode} ${phoneNumber} exists in the sandbox: Authy was never asked to register it.`,
    next: `In ${where}, call \`authy.registerUser({ email, cellphone: phoneNumber, countryCode })\` and await it.`,
  })
  expectThat(registered.emails.includes(email), {
    expected: EXPECTED,
    happened: `The sandbox has the phone, but not the email ${email} that was submitted.`,
    next: `Pass the form's email as \`email\` to authy.registerUser in ${where}.`,
  })
  expectThat(typeof authyId === 'number' && authyId === registered.authy_id, {
    expected: EXPECTED,
    happened: `The step returned ${describeValue(authyId)}, but Authy gave this user the id ${registered.authy_id}.`,
    next: `Return the id from Authy's reply: \`reply.user.id\` (in ${where}).`,
  })
}
