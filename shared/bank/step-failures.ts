import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isAuthyError } from '../authy/index.js'
import { findRegions } from '../kit/regions.js'
import { stepGuide, type StepGuide } from '../kit/step-guide.js'
import { StepNotDoneError, type StepNumber } from './steps.js'

/** Where a step lives, for pages and messages that send the attendee there. */
export interface StepLocation {
  guide: StepGuide
  /** Relative to the repository root, e.g. `workshop/steps/2-send-approval-request.ts`. */
  file: string
  /** The line of the `// #region step N` marker, when the file has one. */
  line: number | undefined
  /** The region still holds the starter's `stepNotDone(N)` (or the file cannot be read). */
  notDone: boolean
}

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
 * Is this the "step not written yet" error? (By name too, in case two copies of the module load.)
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
 * Runs a step. Authy errors and "not done yet" pass through untouched; anything else is a bug in
 * the step and comes out as a {@link StepFailedError} naming it.
 *
 * @example
 * const uuid = await runStep(2, () => steps.sendApprovalRequest({ authy, user, transfer, secondsToExpire }))
 */
export async function runStep<T>(step: StepNumber, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isAuthyError(error) || isStepNotDone(error) || error instanceof StepFailedError) throw error
    throw new StepFailedError(step, error)
  }
}

/**
 * Finds a step's file and its `#region step N` marker in the running app's folder.
 *
 * @example
 * locateStep({ rootDir: '/work/main', variant: 'workshop' }, 2)
 * // { file: 'workshop/steps/2-send-approval-request.ts', line: 19, notDone: true, guide: { … } }
 */
export function locateStep(
  app: { rootDir: string; variant: string },
  step: StepNumber
): StepLocation {
  const guide = stepGuide(step)
  const file = `${app.variant}/${guide.file}`
  try {
    const source = readFileSync(join(app.rootDir, file), 'utf8')
    const region = findRegions(source).find((candidate) => candidate.step === step)
    const notDone = !region || region.body.some((text) => text.includes(`stepNotDone(${step})`))
    return { guide, file, line: region?.startLine, notDone }
  } catch {
    return { guide, file, line: undefined, notDone: true }
  }
}

/**
 * Where in a step's file an error was thrown: `file:line`, or the file alone when its stack does
 * not reach the step file.
 *
 * @example
 * stepErrorPlace(location, error) // 'workshop/steps/3-wait-for-approval.ts:27'
 */
export function stepErrorPlace(location: StepLocation, error: unknown): string {
  const line = errorLineIn(error, location.file)
  return line ? `${location.file}:${line}` : location.file
}

/**
 * The line of the step file an error was thrown from, read from its stack (tsx maps it to the
 * TypeScript source), if the step file is in it.
 *
 * @example
 * errorLineIn(error, 'workshop/steps/3-wait-for-approval.ts') // 27
 */
export function errorLineIn(error: unknown, file: string): number | undefined {
  const stack = (error as Error | undefined)?.stack
  if (typeof stack !== 'string') return undefined
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`${escaped}:(\\d+)`).exec(stack)
  return match ? Number(match[1]) : undefined
}

/**
 * A one-line description of any error, for pages and the terminal (never the stack).
 *
 * @example
 * messageOf(new TypeError('x is undefined')) // 'TypeError: x is undefined'
 */
export function messageOf(error: unknown): string {
  if (isAuthyError(error)) return error.describe()
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : ''
    return `${name}${error.message || '(no message)'}`
  }
  return `a thrown ${typeof error}: ${String(error)}`
}
