import { randomInt } from 'node:crypto'
import type { AuthyClient } from '../../authy/index.js'
import type { StepNumber } from '../../steps/contracts.js'
import type { SandboxControl } from '../../sandbox/index.js'
import type { TwilioClient } from '../../twilio/client.js'
import type { Target } from '../target.js'
import { CheckFailed, problemFromError } from './problem.js'

/** What every step check gets: the target, and a fresh sandbox with clients for it. */
export interface CheckContext {
  target: Target
  /** The real client, pointed at the check's own sandbox. */
  authy: AuthyClient
  /** The sandbox's control API: approve, deny, inspect. */
  control: SandboxControl
  apiKey: string
  /** The official Twilio client, pointed at the check's sandbox. */
  twilio: TwilioClient
  /** The number the check's texts come from. */
  twilioFrom: string
}

/**
 * A US-style phone number that is very unlikely to be used already.
 *
 * @example
 * newPhoneNumber() // '555-012-3456'
 */
export function newPhoneNumber(): string {
  const digits = (count: number) => String(randomInt(0, 10 ** count)).padStart(count, '0')
  return `555-${digits(3)}-${digits(4)}`
}

/**
 * A unique address at example.com, so runs never collide.
 *
 * @example
 * newEmail('ada') // 'ada.k3x9q1@example.com'
 */
export function newEmail(who: string): string {
  return `${who}.${randomInt(0, 1_000_000_000).toString(36)}@example.com`
}

/**
 * Runs a step with a deadline. Whatever it throws (or a timeout) becomes a {@link CheckFailed}
 * that explains it.
 *
 * @example
 * const id = await callStep(ctx, 1, 'registerUser to return the Authy id', () => registerUser(input))
 */
export async function callStep<T>(
  ctx: CheckContext,
  step: StepNumber,
  expected: string,
  run: () => Promise<T>,
  timeoutMs = 10_000
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CheckFailed({
            expected,
            happened: `The step was still running after ${timeoutMs / 1000} s.`,
            next: `Make sure every call is awaited and nothing waits forever. Stuck? Run \`npm run hint -- ${step}\`.`,
          })
        ),
      timeoutMs
    )
  })
  try {
    return await Promise.race([Promise.resolve().then(run), deadline])
  } catch (error) {
    throw new CheckFailed(problemFromError(ctx.target, step, error, expected))
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Fails the check with `problem` unless `condition` holds.
 *
 * @example
 * expectThat(uuid === request.uuid, { expected, happened: 'It returned another uuid.', next })
 */
export function expectThat(
  condition: unknown,
  problem: { expected: string; happened: string; next: string }
): asserts condition {
  if (!condition) throw new CheckFailed(problem)
}

/**
 * Fails the check unless an approval request's details hold each wanted value, naming the first
 * detail that is missing or wrong and where the step should take it from.
 *
 * @example
 * expectDetails(request.details, [['From', user.email, 'user.email']], { expected, where })
 */
export function expectDetails(
  details: Record<string, string> | null | undefined,
  wanted: [key: string, value: string, source: string][],
  context: { expected: string; where: string }
): void {
  for (const [key, value, source] of wanted) {
    const got = details?.[key]
    expectThat(got === value, {
      expected: context.expected,
      happened: `The detail "${key}" was ${got === undefined ? 'missing' : `"${got}"`}; it should be "${value}".`,
      next: `Add \`'${key}': ${source}\` to the details in ${context.where}.`,
    })
  }
}
