// `npm test`: type-check the whole project, run every vitest suite, then print the one summary line
// CI reads (`N passed, N failed`). A failed type-check counts as one failure.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const report = `${root}test-output/vitest-report.json`
const bin = (name: string) => `${root}node_modules/.bin/${name}`

console.log('Type-checking the project (tsc -p .)…')
const typecheck = spawnSync(bin('tsc'), ['-p', '.'], { cwd: root, stdio: 'inherit' })
const typecheckFailed = typecheck.status !== 0
console.log(typecheckFailed ? 'Type-check failed: see the errors above.' : 'Type-check passed.')

mkdirSync(`${root}test-output`, { recursive: true })
rmSync(report, { force: true })
const args = [
  'run',
  '--config',
  'test/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]
const vitest = spawnSync(bin('vitest'), args, { cwd: root, stdio: 'inherit' })

let passed = 0
let failed = typecheckFailed ? 1 : 0
try {
  const result = JSON.parse(readFileSync(report, 'utf8'))
  passed += result.numPassedTests
  failed += result.numFailedTests
  // A suite that crashed before its tests ran has no failed tests of its own; count it once.
  failed += result.testResults.filter(
    (file: { status: string; assertionResults: unknown[] }) =>
      file.status === 'failed' && file.assertionResults.length === 0
  ).length
} catch {
  console.log('vitest wrote no report: counting the run as one failure.')
  failed += 1
}
if (vitest.status !== 0 && failed === 0) failed = 1

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
