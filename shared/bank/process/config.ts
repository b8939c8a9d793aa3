import { isAbsolute, join, resolve } from 'node:path'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { z } from 'zod'
import { AUTHY_API_URL } from '../../authy/index.js'
import type { Environment } from './env-file.js'
import { maskSecret } from '../../runtime/mask.js'
import { SANDBOX_ACCOUNT_SID, SANDBOX_FROM_NUMBER } from '../../sandbox/twilio-account.js'

/** Which copy of the app runs: the finished one or the attendee's. */
export type Variant = 'solution' | 'workshop'

/**
 * Fixed default ports, away from 5000 and 7000 (macOS AirPlay): the app, the sandbox's Authy API,
 * its Twilio API (Messages) and its Verify API. `npm run sandbox` uses 4200, 4202 and 4203.
 */
export const DEFAULT_PORTS: Record<
  Variant,
  { app: number; sandbox: number; twilio: number; verify: number }
> = {
  solution: { app: 4000, sandbox: 4001, twilio: 4002, verify: 4003 },
  workshop: { app: 4100, sandbox: 4101, twilio: 4102, verify: 4103 },
}

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_SECONDS_TO_EXPIRE = 600
export const DEFAULT_POLL_INTERVAL_MS = 1000
/** The phone of the presenter's demo account in the sandbox: its phone page is the demo phone. */
export const SANDBOX_DEMO_PHONE = { countryCode: '1', phoneNumber: '2015550199' }

/** Where approvals come from: the embedded sandbox (no key) or the real Authy API. */
export type AuthyConfig =
  | {
      mode: 'sandbox'
      /**
       * The key the embedded sandbox accepts (and signs callbacks with): SANDBOX_API_KEY, or the
       * data folder's own random key, made on the first start.
       */
      apiKey: string
    }
  | {
      mode: 'live'
      apiKey: string
      apiUrl: string
      /** This app's public callback URL, as set in the Authy dashboard; no callbacks without it. */
      callbackUrl: string | undefined
    }

/** Where texts go: the sandbox's Messages API (no Twilio credentials) or real Twilio. */
export type TwilioConfig =
  | {
      mode: 'sandbox'
      accountSid: string
      /** The data folder's own token (or TWILIO_AUTH_TOKEN), made on the first start. */
      authToken: string
      fromNumber: string
    }
  | {
      mode: 'live'
      accountSid: string
      authToken: string
      fromNumber: string
      /** Instead of https://api.twilio.com: a room's sandbox (TWILIO_API_URL, set by `npm run join`). */
      apiUrl: string | undefined
    }

/**
 * Which service approves: Authy (the workshop's steps; the default) or Twilio Verify
 * (`PROVIDER=verify`, the finished app only). With Verify, the sandbox's Verify API unless the
 * Twilio settings name a real account; then `serviceSid` is VERIFY_SERVICE_SID and `webhookUrl`
 * VERIFY_WEBHOOK_URL (no webhooks without it: polling only).
 */
export type ProviderConfig =
  | { name: 'authy' }
  | { name: 'verify'; serviceSid: string | undefined; webhookUrl: string | undefined }

/** The secrets a data folder keeps when no variable sets them. */
export type KeptSecret = 'sandbox-api-key' | 'twilio-auth-token'

/**
 * The settings as read, before the data folder is opened: the sandbox's key and its Twilio token,
 * when no variable sets them, are the data folder's own, known only then (`withKeptSecrets`).
 */
export type LoadedConfig = Omit<BankConfig, 'authy' | 'twilio' | 'sandbox'> & {
  authy: Unkept<AuthyConfig, 'apiKey'>
  twilio: Unkept<TwilioConfig, 'authToken'>
  sandbox: (Omit<NonNullable<BankConfig['sandbox']>, 'apiKey'> & { apiKey: string | undefined }) | undefined
}
type Unkept<C extends { mode: string }, K extends keyof Extract<C, { mode: 'sandbox' }>> =
  | Exclude<C, { mode: 'sandbox' }>
  | (Omit<Extract<C, { mode: 'sandbox' }>, K> & { [key in K]: string | undefined })

/**
 * The settings with the data folder's own secrets filled in where no variable set them.
 *
 * @example
 * const config = withKeptSecrets(loaded, (secret) => loadKeptSecret({ … }))
 */
export function withKeptSecrets(
  loaded: LoadedConfig,
  kept: (secret: KeptSecret) => string
): BankConfig {
  const sandbox = loaded.sandbox && {
    ...loaded.sandbox,
    apiKey: loaded.sandbox.apiKey ?? kept('sandbox-api-key'),
  }
  // With Verify and real Twilio there is no sandbox; the Authy key is then unused.
  const authy: AuthyConfig =
    loaded.authy.mode === 'live'
      ? loaded.authy
      : { mode: 'sandbox', apiKey: sandbox?.apiKey ?? kept('sandbox-api-key') }
  const twilio: TwilioConfig =
    loaded.twilio.mode === 'live'
      ? loaded.twilio
      : { ...loaded.twilio, authToken: loaded.twilio.authToken ?? kept('twilio-auth-token') }
  return { ...loaded, authy, twilio, sandbox }
}

export interface BankConfig {
  variant: Variant
  /** The repository root. */
  rootDir: string
  port: number
  host: string
  authy: AuthyConfig
  twilio: TwilioConfig
  provider: ProviderConfig
  /**
   * The embedded sandbox, when Authy or Twilio is the sandbox's: where it listens, and its key
   * (SANDBOX_API_KEY, or the data folder's own).
   */
  sandbox:
    | { host: string; port: number; twilioPort: number; verifyPort: number; apiKey: string }
    | undefined
  dataDir: string
  /** `<dataDir>/bank.json` */
  bankFile: string
  /** `<dataDir>/sandbox.json` */
  sandboxFile: string
  secondsToExpire: number
  pollIntervalMs: number
  /** From SESSION_SECRET; otherwise one is generated and kept in the data directory. */
  sessionSecret: string | undefined
  /**
   * Where the room view's demo transfer goes: PRESENTER_PHONE, or with the sandbox a number of its
   * own whose phone page is the demo phone; none with a real Authy account and no PRESENTER_PHONE.
   */
  presenterPhone: { countryCode: string; phoneNumber: string } | undefined
  /** ROOM=on (`npm start -- --room`): the sandbox runs the room, open to the network. */
  hostsRoom: boolean
  /**
   * Set when this app joined a room (`npm run join`: AUTHY_API_URL and AUTHY_API_KEY of the
   * room's sandbox, and ROOM_CODE): phone links come from the room, and callbacks are tried.
   */
  joinedRoom: { code: string; url: string | undefined; name: string | undefined } | undefined
}

/** One wrong variable: its name and a sentence saying what it must be, with an example. */
export interface ConfigIssue {
  variable: string
  message: string
}

/** The configuration cannot be used; `issues` says which variables to fix and how. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      'The app cannot start: fix these settings in .env (at the repository root) or in the ' +
        `environment, then start it again.\n${issues.map((issue) => `  - ${issue.message}`).join('\n')}`
    )
    this.name = 'ConfigError'
  }
}

interface Rule<T> {
  schema: z.ZodType<T>
  mustBe: string
  example: string
  secret?: boolean
}

const digits = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.int().min(min).max(max))

const httpUrl = z.url({ protocol: /^https?$/ })

/** Where the app answers OneTouch callbacks. */
export const CALLBACK_PATH = '/authy/callback'
/** Where the app answers Twilio Verify's webhooks (`PROVIDER=verify`). */
export const VERIFY_WEBHOOK_PATH = '/verify/webhook'

const port: Rule<number> = {
  schema: digits(0, 65535),
  mustBe: 'a port number: a whole number from 1 to 65535, or 0 for any free port',
  example: '4010',
}
const host: Rule<string> = {
  schema: z.string().regex(/^[A-Za-z0-9.:%[\]-]+$/),
  mustBe: 'a host name or IP address to listen on, such as 127.0.0.1, or 0.0.0.0 for every network',
  example: '0.0.0.0',
}
const apiKey: Rule<string> = {
  schema: z.string().min(8).regex(/^\S+$/),
  mustBe: 'an API key: at least 8 characters, no spaces',
  example: 'your-authy-api-key',
  secret: true,
}

const RULES = {
  AUTHY_API_KEY: {
    ...apiKey,
    mustBe:
      'the API key of your Authy application (Twilio console), at least 8 characters, no spaces',
  },
  AUTHY_API_URL: {
    schema: httpUrl,
    mustBe: 'an http:// or https:// URL',
    example: AUTHY_API_URL,
  },
  AUTHY_CALLBACK_URL: {
    // The app answers callbacks at /authy/callback: a URL elsewhere would never reach it.
    schema: httpUrl.refine((url) => new URL(url).pathname.endsWith(CALLBACK_PATH)),
    mustBe:
      "this app's public URL followed by /authy/callback, exactly as set in the Authy dashboard",
    example: 'https://abc123.ngrok.io/authy/callback',
  },
  PROVIDER: {
    schema: z.enum(['authy', 'verify']),
    mustBe: 'authy (the default: the workshop steps, with Authy) or verify (Twilio Verify)',
    example: 'verify',
  },
  VERIFY_SERVICE_SID: {
    schema: z.string().regex(/^VA[0-9a-fA-F]{32}$/),
    mustBe: 'the SID of your Verify Service (Twilio console, Verify → Services): VA and 32 hexadecimal characters',
    example: 'VA0123456789abcdef0123456789abcdef',
  },
  VERIFY_WEBHOOK_URL: {
    // The app answers Verify's webhooks at /verify/webhook: a URL elsewhere would never reach it.
    schema: httpUrl.refine((url) => new URL(url).pathname.endsWith(VERIFY_WEBHOOK_PATH)),
    mustBe: "this app's public URL followed by /verify/webhook (the bank points its Verify Service's webhook there)",
    example: 'https://abc123.ngrok.io/verify/webhook',
  },
  PORT: port,
  HOST: host,
  SANDBOX_PORT: port,
  SANDBOX_HOST: host,
  SANDBOX_API_KEY: apiKey,
  SANDBOX_TWILIO_PORT: port,
  SANDBOX_VERIFY_PORT: port,
  TWILIO_ACCOUNT_SID: {
    schema: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
    mustBe: 'the Account SID from the Twilio console: AC and 32 hexadecimal characters',
    example: 'AC0123456789abcdef0123456789abcdef',
  },
  TWILIO_AUTH_TOKEN: {
    schema: z.string().min(16).regex(/^\S+$/),
    mustBe: 'the Auth Token from the Twilio console: at least 16 characters, no spaces',
    example: 'your-twilio-auth-token',
    secret: true,
  },
  TWILIO_API_URL: {
    schema: httpUrl,
    mustBe: "the Twilio API to call instead of https://api.twilio.com (a room's sandbox): an http:// or https:// URL",
    example: 'http://192.168.1.20:4002',
  },
  TWILIO_FROM_NUMBER: {
    schema: z.string().regex(/^\+[1-9]\d{6,14}$/),
    mustBe: 'a phone number of your Twilio account in E.164: + and the digits, no spaces',
    example: '+12015550123',
  },
  PRESENTER_PHONE: {
    schema: z
      .string()
      .transform((text) => parsePhoneNumberFromString(text))
      .refine((phone) => phone?.isPossible() === true)
      .transform((phone) => ({
        countryCode: phone!.countryCallingCode,
        phoneNumber: phone!.nationalNumber,
      })),
    mustBe: "the presenter's own phone in E.164, for the room view's demo transfer: + and the digits",
    example: '+12015550123',
  },
  ROOM: {
    schema: z.enum(['on', 'off']),
    mustBe: 'on or off: on runs the room (as `npm start -- --room` does)',
    example: 'on',
  },
  ROOM_URL: {
    schema: httpUrl,
    mustBe: "the presenter's bank, as `npm run join` writes it: an http:// URL",
    example: 'http://192.168.1.20:4000',
  },
  ROOM_NAME: {
    schema: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .refine((name) => !/\p{Cc}/u.test(name)),
    mustBe: 'your name as the room sees it: 1 to 40 characters',
    example: 'Ada',
  },
  ROOM_CODE: {
    schema: z.string().trim().min(1).max(64),
    mustBe: "the room code on the presenter's screen",
    example: 'K7QX2M',
  },
  DATA_DIR: {
    schema: z.string().min(1),
    mustBe: 'a directory for the data files, absolute or relative to the repository root',
    example: '.data/mine',
  },
  SECONDS_TO_EXPIRE: {
    schema: digits(1, 600),
    mustBe:
      'a whole number of seconds from 1 to 600 (approval requests should not outlive 10 minutes)',
    example: '120',
  },
  POLL_INTERVAL_MS: {
    schema: digits(50, 60_000),
    mustBe: 'a whole number of milliseconds from 50 to 60000',
    example: '1000',
  },
  SESSION_SECRET: {
    schema: z.string().min(32),
    mustBe: 'a random string of at least 32 characters',
    example: 'a-long-random-string-of-32-or-more-characters',
    secret: true,
  },
} satisfies Record<string, Rule<unknown>>

type Name = keyof typeof RULES
type Values = { [N in Name]: z.output<(typeof RULES)[N]['schema']> | undefined }

/** Every variable the app reads, for `.env.example`, the README and the doctor. */
export const CONFIG_VARIABLES = Object.keys(RULES) as Name[]

/**
 * Reads and checks the app's settings. Throws a {@link ConfigError} that lists every wrong variable.
 *
 * @example
 * const loaded = loadConfig({ variant: 'solution', rootDir: '/work/main', env: { PORT: '4010' } })
 * loaded.port // 4010
 */
export function loadConfig(input: {
  variant: Variant
  rootDir: string
  env: Environment
}): LoadedConfig {
  const { variant, rootDir, env } = input
  const issues: ConfigIssue[] = []
  const values = {} as Values
  for (const name of CONFIG_VARIABLES) {
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const rule: Rule<unknown> = RULES[name]
    const parsed = rule.schema.safeParse(raw)
    if (parsed.success) {
      ;(values as Record<Name, unknown>)[name] = parsed.data
    } else {
      const shown = rule.secret ? maskSecret(raw) : raw.length > 60 ? `${raw.slice(0, 57)}...` : raw
      issues.push({
        variable: name,
        message: `${name} must be ${rule.mustBe}, e.g. ${name}=${rule.example} (it is "${shown}").`,
      })
    }
  }

  const live = values.AUTHY_API_KEY !== undefined
  for (const name of ['AUTHY_API_URL', 'AUTHY_CALLBACK_URL'] as const) {
    if (!live && env[name]) {
      issues.push({
        variable: name,
        message:
          `${name} is only used with a real Authy key: set AUTHY_API_KEY too, ` +
          `or remove ${name} to use the built-in sandbox.`,
      })
    }
  }
  const twilioLive = values.TWILIO_ACCOUNT_SID !== undefined
  const both = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM_NUMBER'] as const
  if (twilioLive || values.TWILIO_AUTH_TOKEN !== undefined) {
    for (const name of both.filter((name) => values[name] === undefined)) {
      issues.push({
        variable: name,
        message:
          `${name} is needed with a real Twilio account (${both.filter((other) => values[other] !== undefined).join(', ')} is set): ` +
          `set it too, e.g. ${name}=${RULES[name].example}, or remove the TWILIO_ settings to use the built-in sandbox.`,
      })
    }
  }

  if (values.TWILIO_API_URL !== undefined && !twilioLive) {
    issues.push({
      variable: 'TWILIO_API_URL',
      message:
        'TWILIO_API_URL is only used with TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER: ' +
        'set them too (`npm run join` writes all four), or remove it.',
    })
  }
  const hostsRoom = values.ROOM === 'on'
  if (hostsRoom && variant !== 'solution') {
    issues.push({
      variable: 'ROOM',
      message:
        'The room runs on the finished app: start it with `npm start -- --room` (ROOM=on), not with the workshop app.',
    })
  }
  if (hostsRoom && live) {
    issues.push({
      variable: 'ROOM',
      message:
        'A room needs the built-in sandbox (it is the Authy of the room): remove AUTHY_API_KEY, or leave out --room / ROOM=on.',
    })
  }
  const verify = values.PROVIDER === 'verify'
  issues.push(...providerIssues(variant, values, env))

  const defaults = DEFAULT_PORTS[variant]
  const appPort = values.PORT ?? defaults.app
  // With Verify, Authy is not used: the sandbox runs only when Twilio is the sandbox's.
  const useSandbox = verify ? !twilioLive : !live || !twilioLive
  const sandboxPorts = {
    SANDBOX_PORT: values.SANDBOX_PORT ?? defaults.sandbox,
    SANDBOX_TWILIO_PORT: values.SANDBOX_TWILIO_PORT ?? defaults.twilio,
    SANDBOX_VERIFY_PORT: values.SANDBOX_VERIFY_PORT ?? defaults.verify,
  }
  if (useSandbox) {
    const taken = new Map<number, string>([[appPort, 'PORT']])
    for (const [name, value] of Object.entries(sandboxPorts)) {
      const other = taken.get(value)
      if (value !== 0 && other) {
        let free = value
        while (taken.has(free) || free === value) free = free < 65535 ? free + 1 : free - 1
        issues.push({
          variable: name,
          message: `${other} and ${name} must differ (both are ${value}), e.g. ${name}=${free}.`,
        })
      }
      taken.set(value, name)
    }
  }
  if (issues.length > 0) throw new ConfigError(issues)

  const dataDir = resolveDir(rootDir, values.DATA_DIR ?? join('.data', variant))
  return {
    variant,
    rootDir,
    port: appPort,
    // A room is open to the network: the bank, its phone pages and the sandbox's Authy API.
    host: values.HOST ?? (hostsRoom ? '0.0.0.0' : DEFAULT_HOST),
    authy: live
      ? {
          mode: 'live',
          apiKey: values.AUTHY_API_KEY!,
          apiUrl: values.AUTHY_API_URL ?? AUTHY_API_URL,
          callbackUrl: values.AUTHY_CALLBACK_URL,
        }
      : { mode: 'sandbox', apiKey: values.SANDBOX_API_KEY },
    twilio: twilioLive
      ? {
          mode: 'live',
          accountSid: values.TWILIO_ACCOUNT_SID!,
          authToken: values.TWILIO_AUTH_TOKEN!,
          fromNumber: values.TWILIO_FROM_NUMBER!,
          apiUrl: values.TWILIO_API_URL,
        }
      : {
          mode: 'sandbox',
          accountSid: SANDBOX_ACCOUNT_SID,
          authToken: values.TWILIO_AUTH_TOKEN,
          fromNumber: SANDBOX_FROM_NUMBER,
        },
    provider: verify
      ? {
          name: 'verify',
          serviceSid: values.VERIFY_SERVICE_SID,
          webhookUrl: values.VERIFY_WEBHOOK_URL,
        }
      : { name: 'authy' },
    sandbox: useSandbox
      ? {
          host: values.SANDBOX_HOST ?? (hostsRoom ? '0.0.0.0' : DEFAULT_HOST),
          port: sandboxPorts.SANDBOX_PORT,
          twilioPort: sandboxPorts.SANDBOX_TWILIO_PORT,
          verifyPort: sandboxPorts.SANDBOX_VERIFY_PORT,
          apiKey: values.SANDBOX_API_KEY,
        }
      : undefined,
    dataDir,
    bankFile: join(dataDir, 'bank.json'),
    sandboxFile: join(dataDir, 'sandbox.json'),
    secondsToExpire: values.SECONDS_TO_EXPIRE ?? DEFAULT_SECONDS_TO_EXPIRE,
    pollIntervalMs: values.POLL_INTERVAL_MS ?? DEFAULT_POLL_INTERVAL_MS,
    sessionSecret: values.SESSION_SECRET,
    presenterPhone: values.PRESENTER_PHONE ?? (live ? undefined : SANDBOX_DEMO_PHONE),
    hostsRoom,
    joinedRoom:
      live && values.ROOM_CODE !== undefined
        ? { code: values.ROOM_CODE, url: values.ROOM_URL, name: values.ROOM_NAME }
        : undefined,
  }
}

// What PROVIDER asks of the other settings: Verify runs the finished app, with the sandbox or with
// a real Twilio account and its Verify Service; the VERIFY_ settings mean nothing with Authy.
function providerIssues(variant: Variant, values: Values, env: Environment): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const issue = (variable: string, message: string) => issues.push({ variable, message })
  const twilioLive = values.TWILIO_ACCOUNT_SID !== undefined
  if (values.PROVIDER !== 'verify') {
    for (const name of ['VERIFY_SERVICE_SID', 'VERIFY_WEBHOOK_URL'] as const) {
      if (env[name])
        issue(name, `${name} is only used with PROVIDER=verify: set PROVIDER=verify too, or remove ${name}.`)
    }
    return issues
  }
  if (variant === 'workshop') {
    issue(
      'PROVIDER',
      "PROVIDER=verify runs the finished app with Twilio Verify, but the workshop's steps are " +
        "Authy's: start it with npm start, or remove PROVIDER for npm run workshop."
    )
  }
  if (twilioLive && values.VERIFY_SERVICE_SID === undefined) {
    issue(
      'VERIFY_SERVICE_SID',
      'VERIFY_SERVICE_SID is needed with PROVIDER=verify and a real Twilio account: the SID of ' +
        `your Verify Service, e.g. VERIFY_SERVICE_SID=${RULES.VERIFY_SERVICE_SID.example}.`
    )
  }
  if (!twilioLive) {
    for (const name of ['VERIFY_SERVICE_SID', 'VERIFY_WEBHOOK_URL'] as const) {
      if (env[name]) {
        issue(
          name,
          `${name} is for a real Twilio account: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and ` +
            `TWILIO_FROM_NUMBER too, or remove ${name} to use the sandbox's Verify API.`
        )
      }
    }
  }
  return issues
}

function resolveDir(rootDir: string, dir: string): string {
  return isAbsolute(dir) ? dir : resolve(rootDir, dir)
}
