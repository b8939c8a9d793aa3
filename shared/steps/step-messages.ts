import { isAuthyError } from '../authy/index.js'
import type { StepLocation } from './locate-step.js'

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
 * How the terminal and the pages word an unwritten step: the step and its `file:line`.
 *
 * @example
 * stepNotDoneText(location) // 'step 1 is not done yet (workshop/steps/1-register-user.ts:12)'
 */
export function stepNotDoneText(location: StepLocation): string {
  const place = location.line ? `${location.file}:${location.line}` : location.file
  return `step ${location.guide.step} is not done yet (${place})`
}

/**
 * How the terminal and the pages word a step that threw: the step, where it threw, and what.
 *
 * @example
 * stepFailedText(location, error)
 * // 'step 3 failed in workshop/steps/3-wait-for-approval.ts:27: TypeError: x is undefined'
 */
export function stepFailedText(location: StepLocation, error: unknown): string {
  return `step ${location.guide.step} failed in ${stepErrorPlace(location, error)}: ${messageOf(error)}`
}

/**
 * A step as sentences name it: its number and its title, first letter lowered.
 *
 * @example
 * stepLabel(stepGuide(5)) // 'step 5 (send a code by SMS)'
 */
export function stepLabel(guide: { step: number; title: string }): string {
  return `step ${guide.step} (${guide.title.charAt(0).toLowerCase()}${guide.title.slice(1)})`
}
