import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appDifferences } from '../../shared/kit/app-differences.js'
import { findRegions } from '../../shared/steps/regions.js'
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

  it('keeps workshop/ and solution/ identical outside the step regions, every file compared', () => {
    const gate = appDifferences(join(REPO_ROOT, 'workshop'), join(REPO_ROOT, 'solution'))
    expect(gate.differences).toEqual([])
    const tracked = (app: string) =>
      execFileSync('git', ['ls-files', app], { cwd: REPO_ROOT, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((file) => file.slice(app.length + 1))
    expect(gate.compared).toEqual([...new Set([...tracked('workshop'), ...tracked('solution')])].sort())
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

describe('the author gate’s comparison itself', () => {
  const pair = (starter: Record<string, string>, finished: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'gate-'))
    for (const [app, files] of [['starter', starter], ['finished', finished]] as const) {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, app, file)), { recursive: true })
        writeFileSync(join(root, app, file), text)
      }
    }
    return appDifferences(join(root, 'starter'), join(root, 'finished'))
  }
  const twoRegions = (first: string, between: string, second: string, after: string) =>
    [
      'export const a = 1',
      '// #region step 1',
      first,
      '// #endregion step 1',
      between,
      '// #region step 2',
      second,
      '// #endregion step 2',
      after,
    ].join('\n')

  it('accepts a pair that differs only inside its regions', () => {
    const gate = pair(
      { 'steps/x.ts': twoRegions('  return stepNotDone(1)', 'const b = 2', '  todo()', 'end()') },
      { 'steps/x.ts': twoRegions('  return 42', 'const b = 2', '  done()', 'end()') }
    )
    expect(gate).toEqual({ compared: ['steps/x.ts'], differences: [] })
  })

  it('finds a difference outside the regions, after the first region and after the last', () => {
    const between = pair(
      { 'x.ts': twoRegions('a', 'const b = 2', 'c', 'end()') },
      { 'x.ts': twoRegions('a', 'const b = 3', 'c', 'end()') }
    )
    expect(between.differences).toEqual([
      { file: 'x.ts', problem: expect.stringContaining('differs outside the step regions') },
    ])
    const after = pair(
      { 'x.ts': twoRegions('a', 'b', 'c', 'end()') },
      { 'x.ts': twoRegions('a', 'b', 'c', 'end(1)') }
    )
    expect(after.differences).toHaveLength(1)
  })

  it('finds a file only one side has, a file of another kind that differs, and regions that differ', () => {
    const gate = pair(
      { 'server.ts': 'x', 'README.md': 'one', 'y.ts': '// #region step 1\n// #endregion step 1' },
      { 'server.ts': 'x', 'README.md': 'two', 'extra.ts': 'z', 'y.ts': 'plain' }
    )
    expect(gate.compared).toEqual(['README.md', 'extra.ts', 'server.ts', 'y.ts'])
    expect(gate.differences.map((difference) => difference.file)).toEqual([
      'README.md',
      'extra.ts',
      'y.ts',
    ])
  })
})
