// Accessibility checks in real Chromium with axe-core (the library, not a service): its source is
// evaluated in the page (through the DevTools protocol, so the pages' CSP stays as it is), run
// with the WCAG 2.2 AA rules, and any serious or critical violation fails the test with the rule,
// its help and the elements. Contrast that axe cannot decide (text on a gradient, say) is measured
// here instead, from the computed colours, and must pass too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { AxeResults, ImpactValue, Result } from 'axe-core'
import type { Page } from 'playwright-core'
import { measureContrastInPage, type MeasuredContrast } from './contrast-in-page.js'

/** The rules run: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

const FAILING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical']

let axeSource: string | undefined

/**
 * Runs axe in the page as it is now, with the WCAG 2.2 AA rules.
 *
 * @example
 * const results = await runAxe(page)
 */
export async function runAxe(page: Page): Promise<AxeResults> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  const loaded = await page.evaluate('typeof window.axe === "object"')
  if (!loaded) await page.evaluate(axeSource)
  return page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      }),
    WCAG_22_AA_TAGS
  )
}

export type { MeasuredContrast }

/**
 * Fails the test when axe finds a serious or critical violation in the page as it is now, leaves
 * a serious or critical rule undecided (`incomplete`), or leaves a contrast undecided that
 * measures below the WCAG minimum here (the only undecided rule this helper settles). The
 * message lists each rule (id, impact, help) and its elements. Each run is also written to
 * `test-output/accessibility/<label>.json` (counts by rule and impact) for the record.
 *
 * @example
 * await expectNoSeriousViolations(page, 'bank: sign-up form')
 */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<AxeResults> {
  const results = await runAxe(page)
  const serious = (rules: Result[]) =>
    rules.filter((rule) => FAILING_IMPACTS.includes(rule.impact ?? null))
  const violations = serious(results.violations)
  // What axe could not decide: contrast is measured below; anything else needs fixing.
  const undecided = serious(results.incomplete).filter((rule) => rule.id !== 'color-contrast')
  const measured = await measureUndecidedContrast(page, results)
  const tooLow = measured.filter((item) => item.ratio < item.needed)
  recordResults(label, results, measured)
  if (violations.length + undecided.length + tooLow.length > 0) {
    const contrast = tooLow.map(
      (item) =>
        `- contrast ${item.ratio.toFixed(2)}:1, needs ${item.needed}:1: ` +
        `${item.target} "${item.text}"`
    )
    throw new Error(
      [
        `${label}: ${violations.length} serious or critical accessibility violation(s), ` +
          `${undecided.length} left undecided by axe, ${tooLow.length} contrast(s) too low`,
        ...violations.map(describeRule),
        ...undecided.map((rule) => `${describeRule(rule)} (undecided)`),
        ...contrast,
      ].join('\n')
    )
  }
  return results
}

/**
 * A rule's violations as text: id, impact, help, then each element's selector and HTML.
 *
 * @example
 * results.violations.map(describeRule).join('\n')
 */
export function describeRule(rule: Result): string {
  const nodes = rule.nodes
    .map((node) => `    ${node.target.join(' ')}: ${node.html.slice(0, 160)}`)
    .join('\n')
  return `- ${rule.id} (${rule.impact}): ${rule.help}\n${nodes}`
}

/**
 * Results counted by rule and impact, one per element: `{ 'color-contrast (serious)': 3 }`.
 *
 * @example
 * countByRule(results.violations)
 */
export function countByRule(rules: Result[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const rule of rules) counts[`${rule.id} (${rule.impact})`] = rule.nodes.length
  return counts
}

/**
 * Measures each text whose contrast axe left undecided (`incomplete` color-contrast: a gradient,
 * a semi-transparent layer): the text's colour against every colour its background can show
 * (each gradient stop, each layer blended onto the ones below), keeping the worst.
 *
 * @example
 * const measured = await measureUndecidedContrast(page, await runAxe(page))
 */
export async function measureUndecidedContrast(
  page: Page,
  results: AxeResults
): Promise<MeasuredContrast[]> {
  const targets = results.incomplete
    .filter((rule) => rule.id === 'color-contrast')
    .flatMap((rule) => rule.nodes.map((node) => node.target.join(' ')))
  return page.evaluate(measureContrastInPage, { targets, of: 'text' as const })
}

function recordResults(label: string, results: AxeResults, measured: MeasuredContrast[]): void {
  const dir = fileURLToPath(new URL('../../test-output/accessibility/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  const name = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  const record = {
    label,
    url: results.url,
    violations: countByRule(results.violations),
    incomplete: countByRule(results.incomplete),
    measuredContrast: measured,
  }
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify(record, null, 2)}\n`)
}
