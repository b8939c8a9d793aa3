/**
 * Step regions: the marked parts of a step file that differ between the starter (`workshop/`) and
 * the finished app (`solution/`). A region is the lines between `// #region step N` and
 * `// #endregion step N`; the marker lines themselves belong to both.
 */

export interface StepRegion {
  step: number
  /** 1-based line of the `#region` marker. */
  startLine: number
  /** 1-based line of the `#endregion` marker. */
  endLine: number
  /** The lines between the markers. */
  body: string[]
}

const START = /^\s*\/\/\s*#region step (\d+)\b/
const END = /^\s*\/\/\s*#endregion step (\d+)\b/

/**
 * Finds every step region in a source text.
 *
 * @example
 * findRegions(source).find((region) => region.step === 2)?.startLine
 */
export function findRegions(source: string): StepRegion[] {
  const lines = source.split('\n')
  const regions: StepRegion[] = []
  let open: { step: number; startLine: number } | undefined
  lines.forEach((line, index) => {
    const start = START.exec(line)
    if (start) {
      if (open)
        throw new Error(`Line ${index + 1}: step ${start[1]} starts inside step ${open.step}`)
      open = { step: Number(start[1]), startLine: index + 1 }
      return
    }
    const end = END.exec(line)
    if (end) {
      if (!open || open.step !== Number(end[1])) {
        throw new Error(`Line ${index + 1}: "#endregion step ${end[1]}" has no matching "#region"`)
      }
      regions.push({
        ...open,
        endLine: index + 1,
        body: lines.slice(open.startLine, index),
      })
      open = undefined
    }
  })
  if (open)
    throw new Error(
      `Line ${open.startLine}: step ${open.step} has no "#endregion step ${open.step}"`
    )
  return regions
}

/**
 * The source with every step region's body blanked out: what must be identical in the starter
 * and the solution.
 *
 * @example
 * outsideRegions(starter) === outsideRegions(solution)
 */
export function outsideRegions(source: string): string {
  const lines = source.split('\n')
  for (const region of findRegions(source).reverse()) {
    lines.splice(region.startLine, region.endLine - region.startLine - 1)
  }
  return lines.join('\n')
}

/**
 * Replaces the body of step `step`'s region in `target` with its body in `replacement`.
 *
 * @example
 * const restored = replaceRegion(attendeeFile, starterFile, 3)
 */
export function replaceRegion(target: string, replacement: string, step: number): string {
  const into = findRegions(target).find((region) => region.step === step)
  const from = findRegions(replacement).find((region) => region.step === step)
  if (!into || !from) throw new Error(`Step ${step} has no region to replace`)
  const lines = target.split('\n')
  lines.splice(into.startLine, into.endLine - into.startLine - 1, ...from.body)
  return lines.join('\n')
}
