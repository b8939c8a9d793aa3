import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { findRegions, outsideRegions } from '../steps/regions.js'

/** One way a starter and its finished app differ where they must not. */
export interface AppDifference {
  /** Relative to the app folder, e.g. `steps/2-send-approval-request.ts`. */
  file: string
  problem: string
}

/**
 * Every file in an app folder, relative to it, sorted (any kind of file: a README counts too).
 *
 * @example
 * appFiles('/work/main/workshop') // ['server.ts', 'steps/1-register-user.ts', …]
 */
export function appFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile())
    .sort()
}

/**
 * The author gate's rule: the starter and the finished app hold the same files, identical except
 * inside the step regions (the same regions in each). Lists every file compared and every
 * difference found; none means the gate holds.
 *
 * @example
 * appDifferences('/work/main/workshop', '/work/main/solution').differences // []
 */
export function appDifferences(
  starterDir: string,
  finishedDir: string
): { compared: string[]; differences: AppDifference[] } {
  const starter = appFiles(starterDir)
  const finished = appFiles(finishedDir)
  const compared = [...new Set([...starter, ...finished])].sort()
  const differences: AppDifference[] = []
  for (const file of compared) {
    if (!starter.includes(file) || !finished.includes(file)) {
      const only = starter.includes(file) ? 'the starter' : 'the finished app'
      differences.push({ file, problem: `only ${only} has it` })
      continue
    }
    const a = readFileSync(join(starterDir, file), 'utf8')
    const b = readFileSync(join(finishedDir, file), 'utf8')
    const problem = /\.tsx?$/.test(file) ? sourceProblem(a, b) : a === b ? undefined : 'differs'
    if (problem) differences.push({ file, problem })
  }
  return { compared, differences }
}

function sourceProblem(starter: string, finished: string): string | undefined {
  const steps = (source: string) => findRegions(source).map((region) => region.step)
  if (steps(starter).join() !== steps(finished).join()) {
    return `the regions differ: steps ${steps(starter).join(', ') || 'none'} in the starter, ${steps(finished).join(', ') || 'none'} in the finished app`
  }
  const [a, b] = [outsideRegions(starter).split('\n'), outsideRegions(finished).split('\n')]
  const line = a.findIndex((text, index) => text !== b[index])
  if (line !== -1 || a.length !== b.length) {
    return `differs outside the step regions (line ${line === -1 ? Math.min(a.length, b.length) + 1 : line + 1} once the regions are taken out)`
  }
  return undefined
}
