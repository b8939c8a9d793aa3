/**
 * Turns a path pattern where `*` matches any run of characters into an anchored RegExp; every
 * other character is literal.
 *
 * @example
 * patternToRegExp('/onetouch/json/approval_requests/*').test('/onetouch/json/approval_requests/a')
 * // true
 */
export function patternToRegExp(pattern: string): RegExp {
  const literal = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${literal}$`, 's')
}
