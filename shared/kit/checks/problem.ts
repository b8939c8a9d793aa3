import { basename, dirname } from 'node:path'
import { isAuthyError } from '../../authy/index.js'
import { isStepNotDone } from '../../steps/run-step.js'
import { locateStep } from '../../steps/locate-step.js'
import { errorLineIn, messageOf } from '../../steps/step-messages.js'
import type { StepNumber } from '../../steps/contracts.js'
import type { Target } from '../target.js'

/** Why a step's check did not pass, in the three parts an attendee needs. */
export interface CheckProblem {
  expected: string
  happened: string
  next: string
}

/** Thrown inside a check to stop it with a problem. */
export class CheckFailed extends Error {
  constructor(readonly problem: CheckProblem) {
    super(problem.happened)
    this.name = 'CheckFailed'
  }
}

/**
 * The step's file and the line of its region, for messages.
 *
 * @example
 * whereStepIs(resolveTarget('workshop'), 2) // 'workshop/steps/2-send-approval-request.ts:18'
 */
export function whereStepIs(target: Target, step: StepNumber): string {
  const { line } = locateStep({ rootDir: dirname(target.dir), variant: basename(target.dir) }, step)
  return line ? `${target.shownPath(step)}:${line}` : target.shownPath(step)
}

/**
 * Turns whatever a step threw into a problem: not written yet, an Authy error, or a bug.
 *
 * @example
 * throw new CheckFailed(problemFromError(target, 1, error, 'registerUser to return the Authy id'))
 */
export function problemFromError(
  target: Target,
  step: StepNumber,
  error: unknown,
  expected: string
): CheckProblem {
  const where = whereStepIs(target, step)
  const stuck = `Stuck? Run \`npm run hint -- ${step}\`.`
  if (error instanceof CheckFailed) return error.problem
  if (isStepNotDone(error)) {
    return {
      expected,
      happened: `Step ${step} is not written yet: it still ends with \`return stepNotDone(${step})\`.`,
      next: `Write step ${step} in ${where} (inside \`// #region step ${step}\`). ${stuck}`,
    }
  }
  if (isAuthyError(error)) {
    return {
      expected,
      happened: `The step threw an error from Authy: ${error.describe()}.`,
      next: `Look at the values you pass to the Authy client in ${where}. ${stuck}`,
    }
  }
  const line = errorLineIn(error, target.stepFile(step))
  return {
    expected,
    happened: `The step threw ${messageOf(error)}${line ? ` (at line ${line})` : ''}.`,
    next: `Fix the code in ${where}. ${stuck}`,
  }
}

/**
 * A value as an attendee would recognise it in a message.
 *
 * @example
 * describeValue('123') // 'the text "123"'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)'
  if (typeof value === 'string') return `the text "${value}"`
  const json = JSON.stringify(value)
  return json === undefined ? String(value) : json.length > 120 ? `${json.slice(0, 117)}...` : json
}
