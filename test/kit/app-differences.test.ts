import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appDifferences, appFiles } from '../../shared/kit/app-differences.js'

// The author gate's comparison, down to the words of each difference, on folders made here.
const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A folder holding these files (path → text). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-'))
  made.push(dir)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

const differences = (starter: Record<string, string>, finished: Record<string, string>) =>
  appDifferences(folder(starter), folder(finished)).differences

const regions = (...steps: number[]) =>
  steps.flatMap((step) => [`// #region step ${step}`, `// #endregion step ${step}`]).join('\n')

describe('appFiles', () => {
  it('lists every file of the folder and its subfolders, sorted', () => {
    expect(appFiles(folder({ 'z.ts': '', 'a/b.ts': '', 'm.md': '' }))).toEqual([
      'a/b.ts',
      'm.md',
      'z.ts',
    ])
  })
})

describe('appDifferences', () => {
  it('names the side that has a file the other lacks', () => {
    expect(differences({ 'a.ts': '', 'both.ts': '' }, { 'b.md': '', 'both.ts': '' })).toEqual([
      { file: 'a.ts', problem: 'only the starter has it' },
      { file: 'b.md', problem: 'only the finished app has it' },
    ])
  })

  it('compares a file that is not TypeScript as it is, even one with .ts in its name', () => {
    expect(
      differences(
        { 'README.md': 'same', 'data.tsv': 'a\tb' },
        { 'README.md': 'same', 'data.tsv': 'a\tc' }
      )
    ).toEqual([{ file: 'data.tsv', problem: 'differs' }])
  })

  it.each([
    [[1, 2], [1, 3], 'steps 1, 2 in the starter, 1, 3 in the finished app'],
    [[1], [], 'steps 1 in the starter, none in the finished app'],
    [[], [2], 'steps none in the starter, 2 in the finished app'],
  ])('names the steps when the regions differ (%j and %j)', (starter, finished, steps) => {
    expect(differences({ 'x.ts': regions(...starter) }, { 'x.ts': regions(...finished) })).toEqual([
      { file: 'x.ts', problem: `the regions differ: ${steps}` },
    ])
  })

  const outside = (...after: string[]) =>
    ['a', '// #region step 1', 'body', 'more body', '// #endregion step 1', ...after].join('\n')

  it.each([
    ['a line that differs', outside('b'), outside('c'), 4],
    ['a line only the finished app has', outside('b'), outside('b', 'c'), 5],
    ['a line only the starter has', outside('b', 'c'), outside('b'), 5],
  ])(
    'gives the first line that differs once the regions are taken out: %s',
    (_, starter, finished, line) => {
      expect(differences({ 'x.ts': starter }, { 'x.ts': finished })).toEqual([
        {
          file: 'x.ts',
          problem: `differs outside the step regions (line ${line} once the regions are taken out)`,
        },
      ])
    }
  )
})
