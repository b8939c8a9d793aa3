import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StepNumber } from './contracts.js'
import { stepGuide, type StepGuide } from './guide.js'
import { findRegions } from './regions.js'

/** An app folder whose step files are read: `<rootDir>/<variant>/steps/…`. */
export interface AppFolder {
  /** The repository root. */
  rootDir: string
  /** `workshop` or `solution`. */
  variant: string
}

/** Where a step lives, for pages and messages that send the attendee there. */
export interface StepLocation {
  guide: StepGuide
  /** Relative to the repository root, e.g. `workshop/steps/2-send-approval-request.ts`. */
  file: string
  /** The line of the `// #region step N` marker, when the file has one. */
  line: number | undefined
  /**
   * The step still calls the starter's `stepNotDone(N)`: in its region, or anywhere in a file
   * whose markers are gone. True when the file cannot be read.
   */
  notDone: boolean
}

/**
 * Finds a step's file and its `#region step N` marker in an app's folder, and whether the step is
 * written: this is the one place that decides it, by reading the file, so it knows the moment
 * the attendee saves.
 *
 * @example
 * locateStep({ rootDir: '/work/main', variant: 'workshop' }, 2)
 * // { file: 'workshop/steps/2-send-approval-request.ts', line: 19, notDone: true, guide: { … } }
 */
export function locateStep(app: AppFolder, step: StepNumber): StepLocation {
  const guide = stepGuide(step)
  const file = `${app.variant}/${guide.file}`
  try {
    const source = readFileSync(join(app.rootDir, file), 'utf8')
    const region = findRegions(source).find((candidate) => candidate.step === step)
    const marker = `stepNotDone(${step})`
    const notDone = region
      ? region.body.some((text) => text.includes(marker))
      : source.includes(marker)
    return { guide, file, line: region?.startLine, notDone }
  } catch {
    return { guide, file, line: undefined, notDone: true }
  }
}

/**
 * Is this step written (its region no longer holds the starter's `stepNotDone(N)`)?
 *
 * @example
 * isStepWritten({ rootDir, variant: 'workshop' }, 4) // false for the untouched starter
 */
export function isStepWritten(app: AppFolder, step: StepNumber): boolean {
  return !locateStep(app, step).notDone
}
