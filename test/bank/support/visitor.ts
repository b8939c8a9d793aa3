// One browser: keeps its cookies, sends its own Origin on posts (as browsers do), reads the forms'
// hidden tokens, and remembers every page it saw. Over real HTTP, or straight into an app in this
// process (`app.request`) where the port is not the point.
import { request } from 'undici'

export interface Reply {
  status: number
  /** The redirect target, if any. */
  location: string | undefined
  body: string
  headers: Record<string, string | string[] | undefined>
}

/** Sends one request and reads the whole answer. */
export type Transport = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | undefined }
) => Promise<Omit<Reply, 'location'>>

/** Real HTTP, with undici. */
export const httpTransport: Transport = async (url, init) => {
  const response = await request(url, init)
  return {
    status: response.statusCode,
    body: await response.body.text(),
    headers: response.headers,
  }
}

/**
 * Straight into a Hono app in this process (`app.request`): no port, no socket.
 *
 * @example
 * new Visitor('http://localhost', appTransport(bank.app))
 */
export function appTransport(app: {
  request(url: string, init: RequestInit): Response | Promise<Response>
}): Transport {
  return async (url, init) => {
    const response = await app.request(url, init)
    const headers: Reply['headers'] = {}
    response.headers.forEach((value, name) => {
      headers[name] = value
    })
    const cookies = response.headers.getSetCookie()
    if (cookies.length > 0) headers['set-cookie'] = cookies.length === 1 ? cookies[0] : cookies
    return { status: response.status, body: await response.text(), headers }
  }
}

export interface PostOptions {
  /** The Origin header: the bank's own by default; null sends none. */
  origin?: string | null
  /** The csrf_token field: the session's own by default; null sends none. */
  token?: string | null
}

/**
 * The value of a hidden form field in a page.
 *
 * @example
 * hiddenField(html, 'csrf_token')
 */
export function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]
}

/** The one password test visitors sign up with unless told otherwise. */
export const PASSWORD = 'correct horse battery staple'

// Each sign-up without an email of its own gets a new one: an email has one account.
let signUps = 0

/** Reads the codes a phone received: the sandbox's inbox, as a learner reads their phone page. */
export interface Phone {
  messages(countryCode: string, phoneNumber: string): Promise<{ code: string | null }[]>
}

export class Visitor {
  /** Every body this visitor received. */
  readonly seen: string[] = []
  private readonly cookies = new Map<string, string>()
  private token: string | undefined

  /**
   * Where the bank is (change it to follow a restarted bank to its new port), how requests get
   * there, and the sandbox that stands in for the visitor's phone.
   */
  constructor(
    public baseUrl: string,
    private readonly transport: Transport = httpTransport,
    private readonly phone?: Phone
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.send('GET', path, undefined, { ...headers })
  }

  /** Posts a form; the session's CSRF token is added unless `options.token` says otherwise. */
  async post(
    path: string,
    fields: Record<string, string>,
    options: PostOptions = {}
  ): Promise<Reply> {
    const token = options.token === undefined ? await this.csrfToken(path) : options.token
    const body = new URLSearchParams(fields)
    if (token !== null) body.set('csrf_token', token)
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
    const origin = options.origin === undefined ? this.baseUrl : options.origin
    if (origin !== null) headers.origin = origin
    return this.send('POST', path, body.toString(), headers)
  }

  /** The CSRF token of the current session (read from a page that has a form). */
  async csrfToken(forPath = '/transfers'): Promise<string> {
    if (!this.token) {
      // A page this session may see, with a form on it.
      const pages = forPath.startsWith('/verify')
        ? ['/verify']
        : forPath.startsWith('/login/')
          ? ['/login/wait']
          : ['/transfers/new', '/login']
      for (const path of pages) {
        const page = await this.get(path)
        this.token = page.status === 200 ? hiddenField(page.body, 'csrf_token') : undefined
        if (this.token) break
      }
    }
    if (!this.token) throw new Error('No form with a csrf_token found')
    return this.token
  }

  /**
   * Signs up with the sign-up form and, when the bank asks for the code texted to the phone,
   * types the newest one from the sandbox's inbox (as a learner reads their phone page). Resolves
   * to the last reply: a 303 to /account when it worked.
   *
   * @example
   * await visitor.register({ email: 'ada@example.com' })
   */
  async register(
    fields: Partial<Record<'email' | 'password' | 'country_code' | 'phone_number', string>> = {}
  ): Promise<Reply> {
    const form = {
      email: `visitor${++signUps}@example.com`,
      password: PASSWORD,
      country_code: '1',
      phone_number: '555 123 4567',
      ...fields,
    }
    const reply = await this.post('/register', form)
    this.token = undefined
    if (reply.location !== '/verify' || !this.phone) return reply
    return this.confirmPhone(form.country_code, form.phone_number)
  }

  /**
   * Types the newest code the phone received on the /verify page.
   *
   * @example
   * await visitor.confirmPhone('1', '555 123 4567')
   */
  async confirmPhone(countryCode: string, phoneNumber: string): Promise<Reply> {
    const code = await this.latestCode(countryCode, phoneNumber)
    const reply = await this.post('/verify', { code })
    this.token = undefined
    return reply
  }

  /**
   * The newest code the sandbox delivered to this phone (SMS, call or email).
   *
   * @example
   * const code = await visitor.latestCode('1', '555 123 4567')
   */
  async latestCode(countryCode: string, phoneNumber: string): Promise<string> {
    if (!this.phone) throw new Error('This visitor has no phone to read codes from')
    const [newest] = (await this.phone.messages(countryCode, phoneNumber.replace(/\D/g, '')))
      .filter((message) => message.code)
    if (!newest?.code) throw new Error(`No code reached +${countryCode} ${phoneNumber}`)
    return newest.code
  }

  /**
   * Signs in with the sign-in form: the reply is a 303 to where the bank sends the browser
   * (`/login/wait` while the phone decides, `/account` when the password alone is enough).
   *
   * @example
   * const reply = await visitor.signIn('ada@example.com')
   */
  async signIn(email: string, password = PASSWORD): Promise<Reply> {
    const reply = await this.post('/login', { email, password })
    this.token = undefined
    return reply
  }

  /** A fresh transfer form's one-time request id. */
  async requestId(): Promise<string> {
    const form = await this.get('/transfers/new')
    const id = hiddenField(form.body, 'request_id')
    if (!id) throw new Error(`No transfer form (HTTP ${form.status})`)
    return id
  }

  /**
   * Sends a transfer with the transfer form; `transferId` is set when it redirected to one.
   *
   * @example
   * const { transferId } = await visitor.sendTransfer({ amount: '12.50' })
   */
  async sendTransfer(
    fields: Partial<
      Record<'recipient_email' | 'account_number' | 'amount' | 'request_id', string>
    > = {},
    options: PostOptions = {}
  ): Promise<Reply & { transferId: string | undefined }> {
    const reply = await this.post(
      '/transfers',
      {
        recipient_email: 'bob@example.com',
        account_number: '12345678',
        amount: '10.50',
        request_id: fields.request_id ?? (await this.requestId()),
        ...fields,
      },
      options
    )
    const transferId = /^\/transfers\/([\w-]+)$/.exec(reply.location ?? '')?.[1]
    return { ...reply, transferId }
  }

  /** The Cookie header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** Drops the session cookie (a new browser with the same history of nothing). */
  forgetCookies(): void {
    this.cookies.clear()
    this.token = undefined
  }

  /**
   * Any request with this browser's cookies, nothing else added (no Origin, no form token).
   *
   * @example
   * await visitor.raw('POST', '/transfers', { 'content-type': 'multipart/form-data' }, 'garbage')
   */
  async raw(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string
  ): Promise<Reply> {
    return this.send(method, path, body, { ...headers })
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>
  ): Promise<Reply> {
    const cookie = this.cookieHeader()
    if (cookie) headers.cookie = cookie
    const response = await this.transport(`${this.baseUrl}${path}`, { method, headers, body })
    const text = response.body
    this.seen.push(text)
    const setCookie = response.headers['set-cookie']
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';')
      const index = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1))
      if (/^bank_session_/.test(pair!)) this.token = undefined
    }
    const location = response.headers.location
    return {
      status: response.status,
      location: Array.isArray(location) ? location[0] : location,
      body: text,
      headers: response.headers,
    }
  }
}
