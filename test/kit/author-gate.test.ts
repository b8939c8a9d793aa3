import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findRegions, outsideRegions } from '../../shared/steps/regions.js'
import { runChecks } from '../../shared/kit/run-checks.js'
import { starterBody, STEP_GUIDES } from '../../shared/steps/guide.js'
import { REPO_ROOT, resolveTarget } from '../../shared/kit/target.js'

// The author gate: the finished app passes every step's check, the untouched starter fails every
// one with its own 🚨 explanation, and the two differ only inside the step regions.

describe('the author gate', () => {
  it('passes every step of the finished solution', async () => {
    const results = await runChecks(resolveTarget('solution'))
    expect(results.map((result) => [result.step, result.passed, result.problem?.happened])).toEqual(
      STEP_GUIDES.map((guide) => [guide.step, true, undefined])
    )
  })

  it('fails every step of the untouched starter, each with its own explanation', async () => {
    const target = resolveTarget('workshop')
    const results = await runChecks(target)
    expect(results).toHaveLength(STEP_GUIDES.length)
    for (const result of results) {
      const line = findRegions(readFileSync(target.stepFile(result.step), 'utf8'))[0]!.startLine
      expect(result.passed).toBe(false)
      expect(result.problem?.happened).toBe(
        `Step ${result.step} is not written yet: it still ends with \`return stepNotDone(${result.step})\`.`
      )
      expect(result.problem?.next).toContain(`${target.shownPath(result.step)}:${line}`)
      expect(result.problem?.next).toContain(`npm run hint -- ${result.step}`)
    }
  })

  it('keeps workshop/ and solution/ identical outside the step regions', () => {
    const files = (app: string) =>
      readdirSync(join(REPO_ROOT, app), { recursive: true, encoding: 'utf8' }).sort()
    expect(files('workshop')).toEqual(files('solution'))
    for (const file of files('solution').filter((name) => name.endsWith('.ts'))) {
      const starter = readFileSync(join(REPO_ROOT, 'workshop', file), 'utf8')
      const finished = readFileSync(join(REPO_ROOT, 'solution', file), 'utf8')
      expect(outsideRegions(starter), file).toBe(outsideRegions(finished))
      expect(
        findRegions(starter).map((r) => r.step),
        file
      ).toEqual(findRegions(finished).map((r) => r.step))
    }
  })

  it('gives each step exactly one region, in its own file, holding the starter text in workshop/', () => {
    for (const guide of STEP_GUIDES) {
      for (const app of ['workshop', 'solution']) {
        const regions = findRegions(readFileSync(join(REPO_ROOT, app, guide.file), 'utf8'))
        expect(
          regions.map((region) => region.step),
          `${app}/${guide.file}`
        ).toEqual([guide.step])
      }
      const starter = findRegions(readFileSync(join(REPO_ROOT, 'workshop', guide.file), 'utf8'))[0]!
      expect(starter.body).toEqual(starterBody(guide))
    }
  })
})
