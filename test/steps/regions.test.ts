import { describe, expect, it } from 'vitest'
import { findRegions, outsideRegions, replaceRegion } from '../../shared/steps/regions.js'

// Step regions: what counts as a marker, what a malformed file is told, and the two ways the kit
// rewrites a file around its regions.
const source = (...lines: string[]) => lines.join('\n')

describe('findRegions', () => {
  it('finds each region with its step, the lines of its markers and its body', () => {
    const text = source(
      'import x',
      '// #region step 1',
      '  one()',
      '// #endregion step 1',
      '  // #region step 2',
      '  // #endregion step 2'
    )
    expect(findRegions(text)).toEqual([
      { step: 1, startLine: 2, endLine: 4, body: ['  one()'] },
      { step: 2, startLine: 5, endLine: 6, body: [] },
    ])
  })

  it('takes markers without a space after the slashes, and steps of two digits', () => {
    const text = source('//#region step 12', 'twelve()', '//#endregion step 12')
    expect(findRegions(text)).toEqual([{ step: 12, startLine: 1, endLine: 3, body: ['twelve()'] }])
  })

  it('takes no marker that follows code on its line', () => {
    const text = source(
      'const a = 1 // #region step 1',
      '// #region step 2',
      'done() // #endregion step 2',
      '// #endregion step 2'
    )
    expect(findRegions(text)).toEqual([
      { step: 2, startLine: 2, endLine: 4, body: ['done() // #endregion step 2'] },
    ])
  })

  it.each([
    [
      'a region inside another',
      source('// #region step 1', '// #region step 2'),
      'Line 2: step 2 starts inside step 1',
    ],
    [
      'an end with no start',
      source('x()', '// #endregion step 2'),
      'Line 2: "#endregion step 2" has no matching "#region"',
    ],
    [
      'the end of another step',
      source('// #region step 1', 'x()', '// #endregion step 2'),
      'Line 3: "#endregion step 2" has no matching "#region"',
    ],
    [
      'a start with no end',
      source('x()', '// #region step 3', 'y()'),
      'Line 2: step 3 has no "#endregion step 3"',
    ],
  ])('refuses %s, naming the line', (_, text, message) => {
    expect(() => findRegions(text)).toThrow(new Error(message))
  })
})

describe('outsideRegions', () => {
  it('keeps every line outside the regions, the markers included, and drops their bodies', () => {
    const text = source(
      'a',
      '// #region step 1',
      'b',
      'c',
      '// #endregion step 1',
      'd',
      '// #region step 2',
      'e',
      '// #endregion step 2'
    )
    expect(outsideRegions(text)).toBe(
      source(
        'a',
        '// #region step 1',
        '// #endregion step 1',
        'd',
        '// #region step 2',
        '// #endregion step 2'
      )
    )
  })
})

describe('replaceRegion', () => {
  const target = source(
    'head',
    '// #region step 1',
    'mine 1',
    '// #endregion step 1',
    '// #region step 2',
    'mine 2',
    '// #endregion step 2',
    'tail'
  )

  it('puts the body of that step’s region in the replacement into the target, and nothing else', () => {
    const replacement = source(
      '// #region step 2',
      'theirs 2a',
      'theirs 2b',
      'theirs 2c',
      '// #endregion step 2',
      '// #region step 1',
      'theirs 1',
      '// #endregion step 1'
    )
    expect(replaceRegion(target, replacement, 2)).toBe(
      source(
        'head',
        '// #region step 1',
        'mine 1',
        '// #endregion step 1',
        '// #region step 2',
        'theirs 2a',
        'theirs 2b',
        'theirs 2c',
        '// #endregion step 2',
        'tail'
      )
    )
  })

  it('refuses a step that the target or the replacement has no region for', () => {
    const onlyStep1 = source('// #region step 1', 'x', '// #endregion step 1')
    expect(() => replaceRegion(target, onlyStep1, 2)).toThrow('Step 2 has no region to replace')
    expect(() => replaceRegion(onlyStep1, target, 2)).toThrow('Step 2 has no region to replace')
  })
})
