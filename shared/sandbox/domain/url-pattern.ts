/** The longest path pattern accepted: a fault's `path`, or `GET /sandbox/requests?path=`. */
export const MAX_PATTERN_LENGTH = 500

/** Whether a path matches a compiled pattern. */
export type PathMatcher = (path: string) => boolean

/**
 * Compiles a path pattern where `*` matches any run of characters (a run of `*` is one `*`) and
 * every other character is literal. Matching never backtracks, so no pattern can stall the
 * server: the text before the first `*` must start the path, the text after the last one must
 * end it, and the pieces between are found left to right with `indexOf` (the leftmost place is
 * always a right choice when `*` is the only wildcard).
 *
 * @example
 * compilePathPattern('/onetouch/json/approval_requests/*')('/onetouch/json/approval_requests/a')
 * // true
 */
export function compilePathPattern(pattern: string): PathMatcher {
  const pieces = pattern.split('*')
  if (pieces.length === 1) return (path) => path === pattern
  const head = pieces[0]
  const tail = pieces[pieces.length - 1]
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '')
  return (path) => {
    if (path.length < head.length + tail.length) return false
    if (!path.startsWith(head) || !path.endsWith(tail)) return false
    const end = path.length - tail.length
    let from = head.length
    for (const piece of middle) {
      const found = path.indexOf(piece, from)
      if (found === -1 || found + piece.length > end) return false
      from = found + piece.length
    }
    return true
  }
}
