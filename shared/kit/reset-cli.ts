// `npm run reset -- N`: puts step N's region of workshop/ back as it was in the starter. What it
// replaces is saved first in .data/backups/, and nothing outside the region is touched.
// `npm run reset -- N --undo` brings the newest backup of step N back.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { starterBody, stepGuide } from '../steps/guide.js'
import { findRegions } from '../steps/regions.js'
import { stepArgument } from './step-argument.js'
import { resolveTarget } from './target.js'

const { values, positionals } = parseArgs({
  options: { dir: { type: 'string' }, undo: { type: 'boolean' } },
  allowPositionals: true,
})
const step = stepArgument('reset', positionals)
const target = resolveTarget(values.dir ?? 'workshop')
const file = target.stepFile(step)
const shown = target.shownPath(step)
const backups = resolve(target.dir, '..', '.data/backups')
const starter = starterBody(stepGuide(step))

const source = readFileSync(file, 'utf8')
const region = findRegions(source).find((candidate) => candidate.step === step)
if (!region) {
  console.error(
    `${shown} has no "// #region step ${step}" … "// #endregion step ${step}" markers, so only the ` +
      `whole file can be restored: git checkout -- ${shown}`
  )
  process.exit(1)
}
const isStarter = region.body.join('\n') === starter.join('\n')

if (values.undo) {
  const newest = backupsOf(basename(file)).at(-1)
  if (!newest) {
    console.log(`There is no backup of ${shown} to bring back: nothing was reset.`)
    process.exit(1)
  }
  if (!isStarter) {
    console.error(
      `Step ${step} in ${shown} has changed since it was reset, so --undo will not overwrite it. ` +
        `Your backup is ${relative(process.cwd(), newest)}: copy what you need from it by hand.`
    )
    process.exit(1)
  }
  copyFileSync(newest, file)
  console.log(`Step ${step} in ${shown} is back as it was before the reset.`)
  console.log(`(It came from ${relative(process.cwd(), newest)}.) Check it with npm run check.`)
  process.exit(0)
}

if (isStarter) {
  console.log(`Step ${step} in ${shown} is already as the starter has it: nothing to reset.`)
  process.exit(0)
}

mkdirSync(backups, { recursive: true })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const backup = resolve(backups, `${basename(file)}.${stamp}.bak`)
copyFileSync(file, backup)

const lines = source.split('\n')
lines.splice(region.startLine, region.endLine - region.startLine - 1, ...starter)
writeFileSync(file, lines.join('\n'))
console.log(`Step ${step} in ${shown} is back to the starter version.`)
console.log(`Your previous file is saved as ${relative(process.cwd(), backup)}.`)
console.log(`To bring it back: npm run reset -- ${step} --undo`)
console.log(`Start again with npm run hint -- ${step}, then npm run check.`)

// This file's backups, oldest first (the names end with the time they were made).
function backupsOf(name: string): string[] {
  try {
    return readdirSync(backups)
      .filter((entry) => entry.startsWith(`${name}.`) && entry.endsWith('.bak'))
      .sort()
      .map((entry) => resolve(backups, entry))
  } catch {
    return []
  }
}
