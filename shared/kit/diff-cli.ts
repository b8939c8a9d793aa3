// `npm run diff -- N`: step N's region in your workshop/ file beside the finished solution's.
// `npm run diff -- N --provider verify`: the finished (Authy) step beside its Twilio Verify
// equivalent, the region of the same number in shared/bank/provider/verify/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { VERIFY_STEP_FILES } from '../bank/provider/verify/step-equivalents.js'
import { findRegions, type StepRegion } from '../steps/regions.js'
import { stepArgument } from './step-argument.js'
import { stepGuide } from '../steps/guide.js'
import { REPO_ROOT, resolveTarget } from './target.js'

const { values } = parseArgs({
  options: { provider: { type: 'string' } },
  allowPositionals: true,
})
if (values.provider !== undefined && values.provider !== 'verify' && values.provider !== 'authy') {
  console.error(
    `--provider ${values.provider} is not one the kit has: use --provider verify to see a step ` +
      "beside its Twilio Verify equivalent (authy, the default, compares with your workshop's)."
  )
  process.exit(2)
}
const step = stepArgument('diff')
const guide = stepGuide(step)
const verify = values.provider === 'verify'
const solution = resolveTarget('solution')
const sides = verify
  ? [
      regionOf(solution.stepFile(step), solution.shownPath(step), 'Authy, finished'),
      regionOf(join(REPO_ROOT, VERIFY_STEP_FILES[step]), VERIFY_STEP_FILES[step], 'Twilio Verify'),
    ]
  : [
      regionOf(resolveTarget('workshop').stepFile(step), resolveTarget('workshop').shownPath(step), 'yours'),
      regionOf(solution.stepFile(step), solution.shownPath(step), 'finished'),
    ]

console.log(`Step ${step}: ${guide.title}${verify ? ', with Authy and with Twilio Verify' : ''}\n`)
const columns = process.stdout.columns || 120
const width = Math.max(
  ...sides.flatMap((side) => [side.label, ...side.region.body]).map((line) => line.length)
)
if (width * 2 + 3 <= columns) {
  // Wide enough: side by side.
  const [left, right] = sides.map((side) => [side.label, ...side.region.body]) as [string[], string[]]
  const rows = Math.max(left.length, right.length)
  for (let row = 0; row < rows; row++) {
    if (row === 1) console.log(`${'─'.repeat(width)}─┼─${'─'.repeat(width)}`)
    console.log(`${(left[row] ?? '').padEnd(width)} │ ${right[row] ?? ''}`)
  }
} else {
  for (const side of sides) {
    console.log(side.label)
    console.log('─'.repeat(Math.min(columns, side.label.length)))
    console.log(`${side.region.body.join('\n')}\n`)
  }
}
console.log(
  verify
    ? '\nThe README\'s "From Authy to Verify" says what differs, and why.'
    : `\nTo start this step over: npm run reset -- ${step} (your version is kept in a backup).`
)

function regionOf(path: string, shown: string, who: string): { label: string; region: StepRegion } {
  const region = findRegions(readFileSync(path, 'utf8')).find((r) => r.step === step)
  if (!region) {
    console.error(
      `${shown} has no "// #region step ${step}" … "// #endregion step ${step}" markers any more. ` +
        `Put them back around your code (or restore the file with git checkout -- ${shown}).`
    )
    process.exit(1)
  }
  return { label: `${shown}:${region.startLine} (${who})`, region }
}
