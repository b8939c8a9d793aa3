import { STEP_GUIDES } from '../steps/guide.js'
import type { StepNumber } from '../steps/contracts.js'

/**
 * Reads the step number given to `npm run <command> -- N`, or prints how to give one and exits.
 *
 * @example
 * const step = stepArgument('hint') // `npm run hint -- 2` gives 2
 */
export function stepArgument(command: string, args = process.argv.slice(2)): StepNumber {
  const text = args.find((arg) => !arg.startsWith('-'))
  const step = Number(text)
  if (text === undefined || !STEP_GUIDES.some((guide) => guide.step === step)) {
    const got = text === undefined ? 'no step number was given' : `"${text}" is not a step`
    console.error(
      `${got}. The steps are 1 to ${STEP_GUIDES.length}; for example: npm run ${command} -- 1\n` +
        STEP_GUIDES.map((guide) => `  ${guide.step}. ${guide.title}`).join('\n')
    )
    process.exit(2)
  }
  return step as StepNumber
}
