import { existsSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { StepNumber, Steps } from '../steps/contracts.js'
import { STEP_GUIDES } from '../steps/guide.js'

/** The repository root (two folders up from this file). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** An app folder whose steps are checked: `workshop/` (the starter) or `solution/`. */
export interface Target {
  name: string
  /** Absolute path of the folder. */
  dir: string
  /** The absolute path of step `n`'s file. */
  stepFile(step: number): string
  /** The path to show people, relative to the repo root: `workshop/steps/1-register-user.ts`. */
  shownPath(step: number): string
}

/**
 * Resolves `workshop`, `solution` or a folder path into a {@link Target}.
 *
 * @example
 * resolveTarget('workshop').shownPath(2) // 'workshop/steps/2-send-approval-request.ts'
 */
export function resolveTarget(nameOrDir: string): Target {
  const dir = resolve(REPO_ROOT, nameOrDir)
  if (!existsSync(resolve(dir, 'steps'))) {
    throw new Error(
      `"${nameOrDir}" has no steps/ folder. Use --target workshop (your starter) or --target solution.`
    )
  }
  const stepFile = (step: number) => {
    const guide = STEP_GUIDES.find((candidate) => candidate.step === step)
    if (!guide) throw new RangeError(`There is no step ${step}.`)
    return resolve(dir, guide.file)
  }
  return {
    name: relative(REPO_ROOT, dir) || dir,
    dir,
    stepFile,
    shownPath: (step) => relative(REPO_ROOT, stepFile(step)),
  }
}

/**
 * Imports one step function from a target. A file that does not compile rejects with the
 * compiler's message, which names the file and line.
 *
 * @example
 * const registerUser = await loadStep(resolveTarget('solution'), 1)
 */
export async function loadStep<N extends StepNumber>(
  target: Target,
  step: N
): Promise<Steps[StepExport<N>]> {
  const name = STEP_EXPORTS[step] as StepExport<N>
  const module = (await import(pathToFileURL(target.stepFile(step)).href)) as Partial<Steps>
  const fn = module[name]
  if (typeof fn !== 'function') {
    throw new Error(`${target.shownPath(step)} must export a function named ${name}.`)
  }
  return fn as Steps[StepExport<N>]
}

/** The name each step file exports. */
export const STEP_EXPORTS = {
  1: 'registerUser',
  2: 'sendApprovalRequest',
  3: 'waitForApproval',
  4: 'receiveCallback',
  5: 'sendSmsCode',
  6: 'confirmPhone',
  7: 'startSignIn',
  8: 'checkSignInCode',
} as const satisfies Record<StepNumber, keyof Steps>

type StepExport<N extends StepNumber> = (typeof STEP_EXPORTS)[N]
