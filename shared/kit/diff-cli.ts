// `npm run diff -- N`: step N's region in your workshop/ file beside the finished solution's.
import { readFileSync } from 'node:fs'
import { findRegions, type StepRegion } from '../steps/regions.js'
import { stepArgument } from './step-argument.js'
import { stepGuide } from '../steps/guide.js'
import { resolveTarget, type Target } from './target.js'

const step = stepArgument('diff')
const guide = stepGuide(step)
const yours = regionOf(resolveTarget('workshop'))
const solution = regionOf(resolveTarget('solution'))

console.log(`Step ${step}: ${guide.title}\n`)
const columns = process.stdout.columns || 120
const width = Math.max(
  ...[yours, solution]
    .flatMap((side) => [side.label, ...side.region.body])
    .map((line) => line.length)
)
if (width * 2 + 3 <= columns) {
  // Wide enough: yours on the left, the finished version on the right.
  const rows = Math.max(yours.region.body.length, solution.region.body.length) + 1
  const left = [yours.label, ...yours.region.body]
  const right = [solution.label, ...solution.region.body]
  for (let row = 0; row < rows; row++) {
    if (row === 1) console.log(`${'─'.repeat(width)}─┼─${'─'.repeat(width)}`)
    console.log(`${(left[row] ?? '').padEnd(width)} │ ${right[row] ?? ''}`)
  }
} else {
  for (const side of [yours, solution]) {
    console.log(side.label)
    console.log('─'.repeat(Math.min(columns, side.label.length)))
    console.log(`${side.region.body.join('\n')}\n`)
  }
}
console.log(
  `\nTo start this step over: npm run reset -- ${step} (your version is kept in a backup).`
)

function regionOf(target: Target): { label: string; region: StepRegion } {
  const file = target.shownPath(step)
  const region = findRegions(readFileSync(target.stepFile(step), 'utf8')).find(
    (r) => r.step === step
  )
  if (!region) {
    console.error(
      `${file} has no "// #region step ${step}" … "// #endregion step ${step}" markers any more. ` +
        `Put them back around your code (or restore the file with git checkout -- ${file}).`
    )
    process.exit(1)
  }
  const who = target.name === 'workshop' ? 'yours' : 'finished'
  return { label: `${file}:${region.startLine} (${who})`, region }
}
