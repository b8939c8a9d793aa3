// `npm run hint -- N`: what step N teaches and where it is, then one more hint than last time,
// gentle to explicit; the last hint is the answer. `--all` shows every hint at once.
import { parseArgs } from 'node:util'
import { stepGuide, STEP_GUIDES } from '../steps/guide.js'
import { whereStepIs } from './checks/problem.js'
import { hintsShown } from './hints-shown.js'
import { stepArgument } from './step-argument.js'
import { resolveTarget } from './target.js'
import { wrapText } from './wrap-text.js'

const { values, positionals } = parseArgs({
  options: { all: { type: 'boolean' }, dir: { type: 'string' } },
  allowPositionals: true,
})
const step = stepArgument('hint', positionals)
const target = resolveTarget(values.dir ?? 'workshop')
const guide = stepGuide(step)
const { hints } = guide
const shown = hintsShown(target)
const count = values.all ? hints.length : Math.min(shown.count(step) + 1, hints.length)
if (!values.all) shown.save(step, count)

console.log(`Step ${guide.step} of ${STEP_GUIDES.length} (module ${guide.module}): ${guide.title}`)
console.log(`Where:  ${whereStepIs(target, guide.step)}`)
const width = Math.min(process.stdout.columns || 100, 100)
console.log(`\n${wrapText(guide.teaches, width)}\n`)
hints.slice(0, count).forEach((hint, index) => {
  const answer = index === hints.length - 1
  const label = answer
    ? `Hint ${index + 1} of ${hints.length}, the answer (use it only if you are really stuck):`
    : `Hint ${index + 1} of ${hints.length}:`
  const body = answer
    ? hint
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')
    : wrapText(hint, width, '  ')
  console.log(`${label}\n${body}\n`)
})
const left = hints.length - count
if (left > 0) {
  console.log(
    `Still stuck? Run \`npm run hint -- ${step}\` again for the next hint ` +
      `(${left} more; the last one is the answer).`
  )
} else {
  console.log(
    `That was every hint for step ${step}: the last one is the answer. ` +
      `To compare with the finished version: npm run diff -- ${step}`
  )
}
console.log('When it is written: npm run check.')
