import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { clearScreen } from '../../shared/kit/terminal.js'
import { REPO_ROOT } from '../../shared/kit/target.js'
import { linesWithoutWords, markedLines } from './marks-in-words.js'
import { makeTarget } from './make-target.js'

// The kit's terminal output read without colour, without emoji, by a screen reader or in a log.

function kit(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', `shared/kit/${command}-cli.ts`, ...args],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } }
  )
  return `${result.stdout}${result.stderr}`
}

describe('the screen clearing of the watch mode', () => {
  const terminal = { isTTY: true }

  it('clears a terminal', () => {
    expect(clearScreen(terminal, {})).toBe('\x1B[2J\x1B[H')
  })

  it('sends no escape with NO_COLOR set, to a dumb terminal, or to a file or pipe', () => {
    expect(clearScreen(terminal, { NO_COLOR: '1' })).toBe('')
    expect(clearScreen(terminal, { TERM: 'dumb' })).toBe('')
    expect(clearScreen({ isTTY: false }, {})).toBe('')
    expect(clearScreen({}, {})).toBe('')
  })

  it('ignores an empty NO_COLOR, as no-color.org says', () => {
    expect(clearScreen(terminal, { NO_COLOR: '' })).toBe('\x1B[2J\x1B[H')
  })
})

describe('the kit’s commands with NO_COLOR', () => {
  it('print no escape sequence, and every mark comes with its meaning in words', () => {
    const target = makeTarget({}, 'workshop')
    const outputs = [
      kit('check', ['--target', target.dir, '--all'], { NO_COLOR: '1' }),
      kit('hint', ['2', '--all', '--dir', target.dir], { NO_COLOR: '1' }),
      kit('diff', ['2'], { NO_COLOR: '1' }),
    ]
    for (const output of outputs) {
      expect(output).not.toContain('\x1B')
      expect(linesWithoutWords(output)).toEqual([])
    }
    expect(markedLines(outputs[0]!)).toBeGreaterThan(8)
  })
})
