import { pageStart, wholeNumberParam, type PagingRefusal } from '../twilio/paging.js'
import { VERIFY_ERRORS } from './errors.js'

/** Records on a page when `PageSize` is not given, and the most it may ask for. */
export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 1000

const PAGE_TOKEN = /^P([AB])([A-Z]{2}[0-9a-f]{32})$/
// Verify refuses a paging value with 60306, naming it.
const refuse: PagingRefusal = (name, mustBe) => VERIFY_ERRORS.invalidRequest(name, `must be ${mustBe}`)

/** One list request of the Verify API. */
export interface ListRequest<T> {
  /** Every record the list holds, filtered and in order. */
  records: T[]
  query: URLSearchParams
  /** The sandbox's own `scheme://host:port`: the links point back at it. */
  base: string
  /** The list's path after `/v2`, e.g. `/Services/VA…/Entities`. */
  path: string
  /** The name of the array, also `meta.key`: `services`, `challenges`… */
  key: string
  /** The filters the list took, kept in every link (`FactorSid`, `Status`, `Order`). */
  filters?: readonly string[]
  view: (record: T) => unknown
}

/**
 * One page of a Verify v2 list, in its envelope (spec §1.6): `{<key>: […], meta: {page,
 * page_size, first_page_url, previous_page_url, url, next_page_url, key}}`, the links absolute and
 * pointing at the sandbox (the official client follows `next_page_url` as it is). `PageSize` is 1
 * to 1000 (default 50), `Page` counts from 0; the next page's link carries `PageToken=PA<last
 * SID>` (the previous page's `PB<first SID>`), so a record added while a client pages does not
 * shift what it reads next. A paging parameter it cannot read → 400 / 60306 naming it.
 *
 * @example
 * listPage({ records, query, base: 'http://127.0.0.1:4203', path: '/Services', key: 'services', view })
 */
export function listPage<T extends { sid: string }>(list: ListRequest<T>): Record<string, unknown> {
  const { records, query } = list
  const pageSize = wholeNumberParam(query, 'PageSize', 1, MAX_PAGE_SIZE, refuse) ?? DEFAULT_PAGE_SIZE
  const page = wholeNumberParam(query, 'Page', 0, 1_000_000, refuse) ?? 0
  const token = query.get('PageToken') || undefined
  const offset = pageStart(records, {
    page,
    pageSize,
    token,
    tokens: PAGE_TOKEN,
    refuse,
    tokenIs: 'a token from a next_page_url or previous_page_url',
  })
  const shown = records.slice(offset, offset + pageSize)
  const link = (to: number, pageToken?: string) => {
    const params = new URLSearchParams()
    for (const name of list.filters ?? []) if (query.get(name)) params.set(name, query.get(name)!)
    params.set('PageSize', String(pageSize))
    params.set('Page', String(to))
    if (pageToken) params.set('PageToken', pageToken)
    return `${list.base}/v2${list.path}?${params}`
  }
  const more = shown.length > 0 && offset + shown.length < records.length
  return {
    [list.key]: shown.map(list.view),
    meta: {
      page,
      page_size: pageSize,
      first_page_url: link(0),
      previous_page_url:
        page === 0 ? null : link(page - 1, shown[0] ? `PB${shown[0].sid}` : undefined),
      url: link(page, token),
      next_page_url: more ? link(page + 1, `PA${shown.at(-1)!.sid}`) : null,
      key: list.key,
    },
  }
}
