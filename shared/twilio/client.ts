import twilio from 'twilio'

/** The official Twilio client (`twilio` on npm), pointed at the sandbox or at real Twilio. */
export type TwilioClient = twilio.Twilio

/** Twilio's API hosts, and what stands in for each when the sandbox does. */
export interface TwilioHosts {
  /** Instead of `https://api.twilio.com` (Messages). */
  api?: string
  /** Instead of `https://verify.twilio.com` (Verify v2). */
  verify?: string
}

const REAL_HOSTS = { api: 'https://api.twilio.com', verify: 'https://verify.twilio.com' }

/**
 * The official Twilio client, unchanged, talking to real Twilio, or to the sandbox for the hosts
 * given: its HTTP client (a supported option of the library) sends `https://api.twilio.com/…` to
 * `hosts.api` and `https://verify.twilio.com/…` to `hosts.verify`. Paging links the sandbox
 * answers already point at it. Unset TWILIO_REGION and TWILIO_EDGE: they rewrite host names.
 *
 * @example
 * const client = createTwilioClient({ accountSid, authToken, hosts: { api: 'http://127.0.0.1:4002' } })
 * await client.messages.create({ to: '+12015550123', from: '+15005550006', body: 'Hi' })
 */
export function createTwilioClient(options: {
  accountSid: string
  authToken: string
  hosts?: TwilioHosts
  /** For an API key (`SK…`) and its secret instead of the Account SID and Auth Token. */
  apiKey?: { sid: string; secret: string }
}): TwilioClient {
  const inner = new twilio.RequestClient()
  const moved = Object.entries(options.hosts ?? {}).flatMap(([name, host]) =>
    host ? [[REAL_HOSTS[name as keyof TwilioHosts], host.replace(/\/+$/, '')] as const] : []
  )
  const httpClient = Object.assign(Object.create(inner) as typeof inner, {
    request: (request: Parameters<typeof inner.request>[0]) => {
      const real = moved.find(([from]) => request.uri.startsWith(from))
      const uri = real ? real[1] + request.uri.slice(real[0].length) : request.uri
      return inner.request({ ...request, uri })
    },
  })
  const [username, password] = options.apiKey
    ? [options.apiKey.sid, options.apiKey.secret]
    : [options.accountSid, options.authToken]
  return twilio(username, password, {
    accountSid: options.accountSid,
    httpClient,
  })
}

/**
 * Is this an error Twilio answered (a `RestException`: `status`, `code`, `moreInfo`)?
 *
 * @example
 * if (isTwilioError(error)) console.log(error.code) // 21211
 */
export function isTwilioError(
  error: unknown
): error is { status: number; code: number; message: string; moreInfo?: string } {
  return error instanceof twilio.RestException
}
