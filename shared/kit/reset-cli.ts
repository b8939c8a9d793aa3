// `npm run reset -- N`: puts step N's region of workshop/ back as it was in the starter. What it
// replaces is saved first in .data/backups/, and nothing outside the region is touched.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { findRegions } from '../steps/regions.js'
import { stepArgument } from './step-argument.js'
import { starterBody, stepGuide } from '../steps/guide.js'
import { resolveTarget } from './target.js'

const { values, positionals } = parseArgs({
  options: { dir: { type: 'string' } },
  allowPositionals: true,
})
const step = stepArgument('reset', positionals)
const target = resolveTarget(values.dir ?? 'workshop')
const file = target.stepFile(step)
const shown = target.shownPath(step)

const source = readFileSync(file, 'utf8')
const region = findRegions(source).find((candidate) => candidate.step === step)
if (!region) {
  console.error(
    `${shown} has no "// #region step ${step}" … "// #endregion step ${step}" markers, so only the ` +
      `whole file can be restored: git checkout -- ${shown}`
  )
  process.exit(1)
}

const starter = starterBody(stepGuide(step))
if (region.body.join('\n') === starter.join('\n')) {
  console.log(`Step ${step} in ${shown} is already as the starter has it: nothing to reset.`)
  process.exit(0)
}

const backups = resolve(target.dir, '..', '.data/backups')
mkdirSync(backups, { recursive: true })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const backup = resolve(backups, `${basename(file)}.${stamp}.bak`)
copyFileSync(file, backup)

const lines = source.split('\n')
lines.splice(region.startLine, region.endLine - region.startLine - 1, ...starter)
writeFileSync(file, lines.join('\n'))
console.log(`Step ${step} in ${shown} is back to the starter version.`)
console.log(`Your previous file is saved as ${relative(process.cwd(), backup)}.`)
console.log(`Start again with npm run hint -- ${step}, then npm run check.`)
