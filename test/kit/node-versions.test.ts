import { describe, expect, it } from 'vitest'
import { CURRENT_LTS, nodeVerdict } from '../../shared/kit/node-versions.js'

describe('the doctor’s verdict on a Node version', () => {
  it('refuses a Node older than 20.19 and says to install the current LTS', () => {
    const verdict = nodeVerdict('v20.18.3')
    expect(verdict.ok).toBe(false)
    expect(verdict).toMatchObject({
      fix: `Install Node ${CURRENT_LTS}, the current LTS, from https://nodejs.org, then run \`npm install\` again.`,
    })
  })

  it('runs on Node 20, and says it reached its end of life', () => {
    const verdict = nodeVerdict('20.19.0')
    expect(verdict.ok).toBe(true)
    expect(verdict).toMatchObject({ advice: expect.stringContaining('end of life in April 2026') })
  })

  it.each(['22.23.0', '25.1.0'])('runs on Node %s and recommends the current LTS', (version) => {
    expect(nodeVerdict(version)).toMatchObject({
      ok: true,
      advice: expect.stringContaining(`install Node ${CURRENT_LTS}, the current LTS`),
    })
  })

  it('has nothing to add on the current LTS', () => {
    expect(nodeVerdict(`${CURRENT_LTS}.12.1`)).toEqual({
      ok: true,
      text: `Node v${CURRENT_LTS}.12.1 (20.19 or newer needed; Node ${CURRENT_LTS} LTS recommended)`,
    })
  })
})
