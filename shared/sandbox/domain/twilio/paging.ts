/** How a list refuses a paging parameter: its name and what it must be. */
export type PagingRefusal = (name: string, mustBe: string) => Error

/**
 * Where a page of a Twilio list starts, as an index into the listed records: after the record a
 * `PA<SID>` token names (a next page), a page before the one a `PB<SID>` token names (a previous
 * page), or at Page × PageSize (also when the token's record is no longer listed). `tokens` is
 * the pattern of a token of this list: `P`, `A` or `B`, then the SID.
 *
 * @example
 * pageStart(records, { page: 1, pageSize: 50, token: 'PASM…', tokens: /^P([AB])(SM[0-9a-f]{32})$/, refuse })
 */
export function pageStart(
  records: { sid: string }[],
  request: {
    page: number
    pageSize: number
    token: string | undefined
    tokens: RegExp
    refuse: PagingRefusal
    /** What a token is, for the refusal: 'a token from a next_page_uri or previous_page_uri'. */
    tokenIs: string
  }
): number {
  const { page, pageSize, token } = request
  if (token === undefined) return page * pageSize
  const parts = request.tokens.exec(token)
  if (!parts) throw request.refuse('PageToken', request.tokenIs)
  const anchor = records.findIndex((record) => record.sid === parts[2])
  if (anchor === -1) return page * pageSize
  return parts[1] === 'A' ? anchor + 1 : Math.max(0, anchor - pageSize)
}

/**
 * A query parameter that must be a whole number in [min, max], or undefined when absent.
 *
 * @example
 * wholeNumberParam(query, 'PageSize', 1, 1000, refuse) // 50
 */
export function wholeNumberParam(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
  refuse: PagingRefusal
): number | undefined {
  const text = query.get(name)
  if (text === null || text === '') return undefined
  const value = /^\d{1,7}$/.test(text) ? Number(text) : NaN
  if (!(value >= min && value <= max)) throw refuse(name, `a whole number from ${min} to ${max}`)
  return value
}
