import { readFileSync } from 'node:fs'
import { isAuthyError } from '../../authy/index.js'
import { StepNotDoneError, type StepNumber } from '../../bank/steps.js'
import { findRegions } from '../regions.js'
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

/** The 1-based line of the `// #region step N` marker in the target's step file, if found. */
export function regionLine(target: Target, step: StepNumber): number | undefined {
  try {
    const source = readFileSync(target.stepFile(step), 'utf8')
    return findRegions(source).find((region) => region.step === step)?.startLine
  } catch {
    return undefined
  }
}

/** `workshop/steps/2-send-approval-request.ts:21`, or without the line when unknown. */
export function whereStepIs(target: Target, step: StepNumber): string {
  const line = regionLine(target, step)
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
  if (error instanceof StepNotDoneError) {
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
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const line = stackLineIn(error, target.stepFile(step))
  return {
    expected,
    happened: `The step threw ${message}${line ? ` (at line ${line})` : ''}.`,
    next: `Fix the code in ${where}. ${stuck}`,
  }
}

function stackLineIn(error: unknown, file: string): number | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  for (const frame of stack.split('\n')) {
    if (!frame.includes(file)) continue
    const match = /:(\d+):\d+\)?\s*$/.exec(frame)
    if (match) return Number(match[1])
  }
  return undefined
}
