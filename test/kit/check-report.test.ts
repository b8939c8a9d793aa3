import { describe, expect, it } from 'vitest'
import { formatReport } from '../../shared/kit/check-report.js'
import type { CheckResult } from '../../shared/kit/run-checks.js'
import { resolveTarget } from '../../shared/kit/target.js'
import { linesWithoutWords } from './marks-in-words.js'

const results: CheckResult[] = [
  { step: 1, title: 'Register the user with Authy', passed: true },
  {
    step: 2,
    title: 'Send the approval request',
    passed: false,
    problem: { expected: 'a request', happened: 'none', next: 'send one' },
  },
]

describe('the check report', () => {
  it('ends by saying to run the check again after a fix', () => {
    expect(formatReport(results, resolveTarget('workshop'))).toMatch(
      /1 of 2 steps done\. Fix step 2, save, and run `npm run check` again\.$/
    )
  })

  it('ends, while watching, by saying that saving checks again', () => {
    const report = formatReport(results, resolveTarget('workshop'), { watching: true })
    expect(report).toMatch(/1 of 2 steps done\. Fix step 2, save, and it is checked again\.$/)
    expect(report).not.toContain('npm run check` again')
  })

  it('says in words what each mark means: done, not yet, not done, all done', () => {
    const report = formatReport(results, resolveTarget('workshop'), { all: true })
    expect(report).toContain('🚨 Step 2 is not done: Send the approval request')
    expect(linesWithoutWords(report)).toEqual([])
    const allDone = results.map((result) => ({ ...result, passed: true, problem: undefined }))
    expect(linesWithoutWords(formatReport(allDone, resolveTarget('workshop')))).toEqual([])
  })
})
