import { MODULES, stepGuide } from '../steps/guide.js'
import type { CheckResult } from './run-checks.js'
import type { Target } from './target.js'
import { wrapText } from './wrap-text.js'

/**
 * The check's report: one line per step, then the 🚨 details of the first step not done
 * (or of every one, with `all`). With `watching`, the closing line says saving checks again.
 * Every mark is followed by words that say the same ("done", "not yet", "is not done").
 *
 * @example
 * console.log(formatReport(results, target))
 */
export function formatReport(
  results: CheckResult[],
  target: Target,
  options: { all?: boolean; watching?: boolean } = {}
): string {
  const width = Math.max(...results.map((result) => result.title.length))
  const lines: string[] = []
  for (const module of MODULES) {
    const ofModule = results.filter((result) => stepGuide(result.step).module === module.module)
    if (ofModule.length === 0) continue
    const done = ofModule.filter((result) => result.passed).length
    lines.push(`Module ${module.module}: ${module.title} (${done} of ${ofModule.length} done)`)
    for (const result of ofModule) {
      lines.push(
        `  ${result.passed ? '✅' : '⬜'} Step ${result.step}  ${result.title.padEnd(width)}  ${result.passed ? 'done' : 'not yet'}`
      )
    }
  }
  const failing = results.filter((result) => !result.passed)
  for (const result of options.all ? failing : failing.slice(0, 1)) {
    const problem = result.problem!
    lines.push(
      '',
      `🚨 Step ${result.step} is not done: ${result.title}`,
      labelled('Expected:', problem.expected),
      labelled('Happened:', problem.happened),
      labelled('Next:', problem.next)
    )
  }
  const done = results.length - failing.length
  lines.push('')
  if (failing.length === 0) {
    lines.push(`🎉 All ${results.length} steps of ${target.name}/ are done.`)
  } else {
    const next = options.watching
      ? 'save, and it is checked again.'
      : 'save, and run `npm run check` again.'
    lines.push(`${done} of ${results.length} steps done. Fix step ${failing[0]!.step}, ${next}`)
  }
  return lines.join('\n')
}

// `   Expected: text…` with the text wrapped under itself.
function labelled(label: string, text: string): string {
  const width = Math.min(process.stdout.columns || 100, 100)
  const pad = ' '.repeat(13)
  return `   ${label.padEnd(10)}${wrapText(text, width, pad).slice(pad.length)}`
}
