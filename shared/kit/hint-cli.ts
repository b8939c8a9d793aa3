// `npm run hint -- N`: what step N teaches, where it is, and its hints, gentle to explicit.
import { stepGuide, STEP_GUIDES } from '../steps/guide.js'
import { whereStepIs } from './checks/problem.js'
import { resolveTarget } from './target.js'
import { stepArgument } from './step-argument.js'
import { wrapText } from './wrap-text.js'

const step = stepArgument('hint')
const guide = stepGuide(step)
const hints = guide.hints
console.log(`Step ${guide.step} of ${STEP_GUIDES.length}: ${guide.title}`)
console.log(`Where:  ${whereStepIs(resolveTarget('workshop'), guide.step)}`)
const width = Math.min(process.stdout.columns || 100, 100)
console.log(`\n${wrapText(guide.teaches, width)}\n`)
hints.forEach((hint, index) => {
  const last = index === hints.length - 1
  const label = last
    ? `Hint ${index + 1} (the answer, if you are really stuck):`
    : `Hint ${index + 1}:`
  const body = last
    ? hint
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')
    : wrapText(hint, width, '  ')
  console.log(`${label}\n${body}\n`)
})
console.log(
  `When it is written: npm run check. To compare with the finished version: npm run diff -- ${step}`
)
