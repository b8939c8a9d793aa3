import { parseInternationalNumber } from '../phone-numbers.js'
import type { SandboxData, StoredTwilioMessage } from '../store-schema.js'
import type { TwilioAccount } from './account.js'
import { invalidListParameter } from './errors.js'
import { messagesPath, twilioMessageView } from './messages.js'
import { pageStart, wholeNumberParam } from './paging.js'

/** Records on a page when `PageSize` is not given, and the most it may ask for. */
export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 1000

const DAY_MS = 86_400_000
const FILTERS = ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>'] as const
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
const PAGE_TOKEN = /^P([AB])((?:SM|MM)[0-9a-f]{32})$/

/**
 * One page of this account's messages, newest first, in Twilio's flat 2010 envelope (spec §1.6):
 * `end`, `first_page_uri`, `next_page_uri`, `page`, `page_size`, `previous_page_uri`,
 * `messages`, `start`, `uri`. `query` is the request's query string: the filters `To`, `From`
 * (any way a number is written), `DateSent` (sent that UTC day: `YYYY-MM-DD`, or a date and time
 * `YYYY-MM-DDTHH:mm:ssZ`, whose day counts), `DateSent<` and `DateSent>` (on or before, on or
 * after: a date's whole day, or a date and time to the second),
 * and `PageSize` (1 to 1000, default 50), `Page`, `PageToken`. The next page's link carries
 * `PageToken=PA<last SID>` (and the previous page's `PB<first SID>`), so a text sent while a
 * client pages does not shift what it reads next; the links are relative, as Twilio's are.
 * Throws 400 / 20001 for a paging or date parameter it cannot read.
 *
 * @example
 * messagePage(store.data, account, new URLSearchParams('To=%2B12015550123&PageSize=2'))
 * // { end: 1, first_page_uri: '/2010-04-01/Accounts/AC…/Messages.json?To=…&PageSize=2&Page=0',
 * //   next_page_uri: '…&Page=1&PageToken=PASM…', page: 0, page_size: 2, … }
 */
export function messagePage(
  data: SandboxData,
  account: TwilioAccount,
  query: URLSearchParams
): Record<string, unknown> {
  const pageSize =
    wholeNumberParam(query, 'PageSize', 1, MAX_PAGE_SIZE, invalidListParameter) ?? DEFAULT_PAGE_SIZE
  const page = wholeNumberParam(query, 'Page', 0, 1_000_000, invalidListParameter) ?? 0
  const token = query.get('PageToken') || undefined
  const matches = matcher(query)
  const listed = data.twilio_messages
    .filter((m) => m.account_sid === account.accountSid && matches(m))
    .reverse()
  const offset = pageStart(listed, {
    page,
    pageSize,
    token,
    tokens: PAGE_TOKEN,
    refuse: invalidListParameter,
    tokenIs: 'a token from a next_page_uri or previous_page_uri',
  })
  const records = listed.slice(offset, offset + pageSize)
  const filters = new URLSearchParams()
  for (const name of FILTERS) if (query.get(name)) filters.set(name, query.get(name)!)
  const link = (to: number, pageToken?: string) => {
    const params = new URLSearchParams(filters)
    params.set('PageSize', String(pageSize))
    params.set('Page', String(to))
    if (pageToken) params.set('PageToken', pageToken)
    return `${messagesPath(account.accountSid)}?${params}`
  }
  const start = page * pageSize
  const more = records.length > 0 && offset + records.length < listed.length
  return {
    end: start + Math.max(0, records.length - 1),
    first_page_uri: link(0),
    next_page_uri: more ? link(page + 1, `PA${records.at(-1)!.sid}`) : null,
    page,
    page_size: pageSize,
    previous_page_uri:
      page === 0 ? null : link(page - 1, records[0] ? `PB${records[0].sid}` : undefined),
    messages: records.map((m) => twilioMessageView(m, 'read')),
    start,
    uri: link(page, token),
  }
}

// Whether a message passes the list's filters.
function matcher(query: URLSearchParams): (message: StoredTwilioMessage) => boolean {
  const number = (name: 'To' | 'From') => {
    const text = query.get(name)
    return text ? (parseInternationalNumber(text)?.e164 ?? text) : undefined
  }
  const to = number('To')
  const from = number('From')
  let earliest = -Infinity
  let latest = Infinity
  for (const name of ['DateSent', 'DateSent<', 'DateSent>'] as const) {
    const range = dateRange(query, name)
    if (!range) continue
    if (name !== 'DateSent<') earliest = Math.max(earliest, range.start)
    if (name !== 'DateSent>') latest = Math.min(latest, range.end)
  }
  return (m) =>
    (to === undefined || m.to === to) &&
    (from === undefined || m.from === from) &&
    m.created_at_ms >= earliest &&
    m.created_at_ms < latest
}

// The instants a date parameter covers, [start, end): a date's whole UTC day, and so for a date
// and time given as `DateSent` ("sent that day", as the official client sends a Date); for the
// bounds `DateSent<` and `DateSent>`, a date and time is that second.
function dateRange(
  query: URLSearchParams,
  name: string
): { start: number; end: number } | undefined {
  const text = query.get(name)
  if (!text) return undefined
  const at = DATE.test(text) || DATE_TIME.test(text) ? Date.parse(text) : NaN
  if (Number.isNaN(at)) {
    throw invalidListParameter(
      name,
      'a date, YYYY-MM-DD, or a date and time in UTC, YYYY-MM-DDTHH:mm:ssZ'
    )
  }
  if (DATE_TIME.test(text) && name !== 'DateSent') return { start: at, end: at + 1000 }
  const day = at - (at % DAY_MS)
  return { start: day, end: day + DAY_MS }
}
