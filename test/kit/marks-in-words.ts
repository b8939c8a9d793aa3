// The words each mark of the kit's output must come with, for readers without emoji.

const MEANINGS: [mark: string, words: RegExp][] = [
  ['✅', /\b(OK:|done)/],
  ['🚨', /(To fix:|is not done:)/],
  ['⬜', /\bnot yet\b/],
  ['➖', /\bNote:/],
  ['🎉', /\bare done\b/],
  ['👀', /\bWatching\b/],
]

/**
 * The lines of an output whose mark comes without its meaning in words (none, when all is well).
 *
 * @example
 * expect(linesWithoutWords(result.stdout)).toEqual([])
 */
export function linesWithoutWords(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => MEANINGS.some(([mark, words]) => line.includes(mark) && !words.test(line)))
}

/**
 * How many lines carry a mark at all (so a test can tell it looked at some).
 *
 * @example
 * expect(markedLines(result.stdout)).toBeGreaterThan(0)
 */
export function markedLines(output: string): number {
  return output.split('\n').filter((line) => MEANINGS.some(([mark]) => line.includes(mark))).length
}
