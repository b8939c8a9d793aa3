import type { FC } from 'hono/jsx'
import { HISTOGRAM_EDGES } from '../domain/room-summary.js'

const WIDTH = 600
const HEIGHT = 220
const AXIS = 36
const GAP = 12

/** A bucket's label: `< 5 s`, `5–10 s`, …, `≥ 60 s`. */
export function bucketLabel(index: number): string {
  const low = HISTOGRAM_EDGES[index]!
  const high = HISTOGRAM_EDGES[index + 1]
  if (index === 0) return `< ${high} s`
  return high === undefined ? `≥ ${low} s` : `${low}–${high} s`
}

/**
 * How long decisions took, as bars drawn in inline SVG (no chart library, no script), with the
 * same figures in words for screen readers.
 *
 * @example
 * <DecisionHistogram counts={histogram(decisionSeconds(transfers, signIns))} />
 */
export const DecisionHistogram: FC<{ counts: number[] }> = ({ counts }) => {
  const tallest = Math.max(1, ...counts)
  const slot = WIDTH / counts.length
  const words = counts.map((count, index) => `${bucketLabel(index)}: ${count}`).join(', ')
  return (
    <svg
      class="histogram"
      viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
      role="img"
      aria-label={`Decisions by time taken. ${words}.`}
    >
      {counts.map((count, index) => {
        const height = Math.round((count / tallest) * (HEIGHT - 30))
        const x = index * slot + GAP / 2
        return (
          <g>
            <rect
              class="histogram-bar"
              x={x}
              y={HEIGHT - height}
              width={slot - GAP}
              height={height}
              rx="4"
            />
            <text class="histogram-count" x={x + (slot - GAP) / 2} y={HEIGHT - height - 8}>
              {String(count)}
            </text>
            <text class="histogram-label" x={x + (slot - GAP) / 2} y={HEIGHT + 26}>
              {bucketLabel(index)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
