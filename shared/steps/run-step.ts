import { isAuthyError } from '../authy/index.js'
import { isTwilioError } from '../twilio/client.js'
import { StepNotDoneError, type StepNumber } from './contracts.js'
import { messageOf } from './step-messages.js'

/** A step threw something other than an Authy error or "not done yet": a bug in the step. */
export class StepFailedError extends Error {
  constructor(
    readonly step: StepNumber,
    readonly error: unknown
  ) {
    super(`Step ${step} failed: ${messageOf(error)}`, { cause: error })
    this.name = 'StepFailedError'
  }
}

/**
 * Is this the "step not written yet" error? (By name too, in case two copies of the module load:
 * the checker imports an attendee's step file, which imports its own copy of the contracts.)
 *
 * @example
 * if (isStepNotDone(error)) showStepMissingPage(error.step)
 */
export function isStepNotDone(error: unknown): error is StepNotDoneError {
  return (
    error instanceof StepNotDoneError || (error as Error | undefined)?.name === 'StepNotDoneError'
  )
}

/**
 * Runs a step. Authy's and Twilio's errors and "not done yet" pass through untouched; anything else
 * is a bug in the step and comes out as a {@link StepFailedError} naming it.
 *
 * @example
 * const uuid = await runStep(2, () => steps.sendApprovalRequest({ authy, user, transfer, secondsToExpire }))
 */
export async function runStep<T>(step: StepNumber, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    const passesThrough =
      isAuthyError(error) ||
      isTwilioError(error) ||
      isStepNotDone(error) ||
      error instanceof StepFailedError
    if (passesThrough) throw error
    throw new StepFailedError(step, error)
  }
}

/**
 * What a step threw, unwrapped: the step's own error for a {@link StepFailedError}.
 *
 * @example
 * messageOf(stepCause(error)) // 'TypeError: x is undefined'
 */
export function stepCause(error: unknown): unknown {
  return error instanceof StepFailedError ? error.error : error
}
