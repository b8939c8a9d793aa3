// Builds a throw-away copy of solution/ in a temp folder, with chosen step regions rewritten, so
// the checker can be run against realistic attendee mistakes.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findRegions } from '../../shared/steps/regions.js'
import { REPO_ROOT, resolveTarget, type Target } from '../../shared/kit/target.js'

/**
 * A copy of `solution/` (or `workshop/`) with the bodies of some step regions replaced.
 *
 * @example
 * const target = makeTarget({ 1: ['  return 42'] })
 */
export function makeTarget(bodies: Record<number, string[]> = {}, from = 'solution'): Target {
  const source = join(REPO_ROOT, from, 'steps')
  // Its own parent folder too: `npm run reset` keeps backups beside the target, in ../.data/.
  const dir = join(mkdtempSync(join(tmpdir(), 'step-target-')), from)
  mkdirSync(join(dir, 'steps'), { recursive: true })
  for (const file of readdirSync(source)) {
    let text = readFileSync(join(source, file), 'utf8').replaceAll(
      "'../../shared/",
      `'${REPO_ROOT}shared/`
    )
    for (const [step, body] of Object.entries(bodies)) {
      const region = findRegions(text).find((candidate) => candidate.step === Number(step))
      if (!region) continue
      const lines = text.split('\n')
      lines.splice(region.startLine, region.endLine - region.startLine - 1, ...body)
      text = lines.join('\n')
    }
    writeFileSync(join(dir, 'steps', file), text)
  }
  return resolveTarget(dir)
}
