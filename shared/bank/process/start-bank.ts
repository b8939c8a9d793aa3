import { join } from 'node:path'
import type { Hono } from 'hono'
import {
  AUTHY_API_URL,
  createAuthyClient,
  type AuthyClient,
  type AuthyClientOptions,
} from '../../authy/index.js'
import { isWildcardHost, networkUrl } from '../../runtime/hosts.js'
import { redactSecrets } from '../../runtime/mask.js'
import { listen, type RunningServer } from '../../runtime/serve.js'
import {
  createSandboxControl,
  startSandbox,
  type RunningSandbox,
  type SandboxControl,
} from '../../sandbox/index.js'
import type { Steps } from '../../steps/contracts.js'
import { createTwilioClient, type TwilioClient } from '../../twilio/client.js'
import { isStepWritten } from '../../steps/locate-step.js'
import { createBankApp, MAX_PENDING_PER_PHONE } from '../app.js'
import type { PresenterDeps } from '../bank-deps.js'
import { createBankLimits } from '../domain/attempt-limits.js'
import { followRoomApps } from '../domain/room-apps.js'
import { createCallbackHealth, type CallbackHealth } from '../domain/callback-health.js'
import { createReplayGuard } from '../domain/replay-guard.js'
import { createSignInWatcher } from '../domain/sign-in-watcher.js'
import { logDecisions } from '../domain/transfers.js'
import { createApprovalWatcher, type ApprovalWatcher } from '../domain/watcher.js'
import type { BankEnv } from '../http/bank-env.js'
import { createFlash } from '../http/flash.js'
import { openBankStore, type BankStore, type Clock } from '../store/store.js'
import {
  CALLBACK_PATH,
  loadConfig,
  withKeptSecrets,
  type BankConfig,
  type Variant,
} from './config.js'
import { openDataDir } from './data-dir.js'
import { joinedRoom } from './joined-room.js'
import { loadRoomCode, openPresenterRoom } from './presenter-room.js'
import { makeProvider, sandboxInfo } from './make-provider.js'
import { isVerifyProvider } from '../provider/verify/verify-provider.js'
import { mergeEnvironments, readEnvFile, type Environment } from './env-file.js'
import { loadKeptSecret, SESSION_SECRET_FILE } from '../../runtime/kept-secret.js'

/** The lines a test callback that worked would log (the banner says it instead). */
const PING_SUCCESS =
  /^(\[sandbox\] Callback approved for \S+ delivered to .* \(HTTP 200\)\.|Callback accepted: no change, the approval request is not one of ours\.|OneTouch callbacks reach this app: .*)$/

export interface StartBankOptions {
  variant: Variant
  /** The repository root: `.env`, the step files and the default data directory are under it. */
  rootDir: string
  /** The app's steps (`solution/steps/*` or `workshop/steps/*`). */
  steps: Steps
  /**
   * The environment to configure from. Default: `process.env` over the root's `.env` file.
   * When given, `.env` is not read (tests and the step checker pass exactly what they want).
   */
  env?: Environment
  /** Where log lines go (secrets are masked first). Default `console.log`. */
  log?: (line: string) => void
  /** Authy client tuning, e.g. shorter timeouts in tests. */
  authyClient?: Pick<
    AuthyClientOptions,
    'timeoutMs' | 'retries' | 'retryBaseDelayMs' | 'retryMaxDelayMs'
  >
  /**
   * Watcher tuning: the grace after expiry, the longest backoff, and the poll interval once
   * callbacks are confirmed (default 15 s).
   */
  watcher?: { expiryGraceMs?: number; maxBackoffMs?: number; safetyNetPollMs?: number }
  clock?: Clock
  /**
   * Build the app without a port of its own (tests call `bank.app.request(…)`). No callback URL
   * then: the sandbox has nowhere to call, and the app relies on polling. Default false.
   */
  inProcess?: boolean
}

/** A bank that is running, with everything it was built from. */
export interface RunningBank {
  /** e.g. http://127.0.0.1:4000 (`http://localhost` in process). */
  url: string
  /** 0 in process. */
  port: number
  /** The Hono app itself, for `app.request(…)`. */
  app: Hono<BankEnv>
  config: BankConfig
  store: BankStore
  authy: AuthyClient
  watcher: ApprovalWatcher
  /** The embedded sandbox and its control client (no `AUTHY_API_KEY`). */
  sandbox: (RunningSandbox & { control: SandboxControl }) | undefined
  /** Where OneTouch callbacks are accepted, if anywhere. */
  callbackUrl: string | undefined
  /**
   * Whether Authy (the sandbox) is pointed at the callback URL: false while step 4 is not done.
   * With Verify, whether its webhooks reach the app.
   */
  callbacksOn: boolean
  /** Whether callbacks are known to arrive (then step 3 polls at the safety-net pace). */
  callbacks: CallbackHealth
  /** The room view's key, room code and progress (the finished app only). */
  presenter: PresenterDeps | undefined
  /** With `PROVIDER=verify`, where Verify sends this app's webhooks (none: polling only). */
  webhookUrl: string | undefined
  /** Stops the watchers, closes the app and the sandbox (both ports freed), flushes the store. */
  close(): Promise<void>
}

/**
 * Starts the bank in this process: configuration, store, the embedded sandbox (without
 * `AUTHY_API_KEY`), the Authy client, the step 3 watchers (resumed) and the app on its port. The
 * data folder is locked while the bank runs: one copy of the app per folder.
 * Throws `ConfigError`, `DataFileError`, `DataDirBusyError`, `EnvFileError`, `KeptSecretError`
 * or `ListenError` (`PortInUseError` for a busy port) with a message to print.
 *
 * @example
 * const bank = await startBank({ variant: 'solution', rootDir, steps, env: { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dir } })
 * await fetch(bank.url)
 * await bank.close()
 */
export async function startBank(options: StartBankOptions): Promise<RunningBank> {
  const env =
    options.env ?? mergeEnvironments(readEnvFile(join(options.rootDir, '.env')), process.env)
  const loaded = loadConfig({ variant: options.variant, rootDir: options.rootDir, env })
  const secrets = loaded.sessionSecret ? [loaded.sessionSecret] : []
  const print = options.log ?? ((line: string) => console.log(line))
  // While the sandbox sends its test callback, its success is no news: only a problem is logged.
  let pinging = false
  const log = (line: string) => {
    if (pinging && PING_SUCCESS.test(line)) return
    print(redactSecrets(line, secrets))
  }
  const clock = options.clock ?? Date.now
  const cleanup: (() => Promise<void>)[] = []
  const closeAll = async () => {
    for (const step of cleanup.reverse()) await step()
  }

  try {
    const lock = await openDataDir(loaded.dataDir)
    cleanup.push(() => lock.release())
    const config = withKeptSecrets(loaded, (secret) =>
      loadKeptSecret({
        dataDir: loaded.dataDir,
        file: secret,
        fromEnv: undefined,
        variable: secret === 'sandbox-api-key' ? 'SANDBOX_API_KEY' : 'TWILIO_AUTH_TOKEN',
      })
    )
    secrets.push(config.authy.apiKey, config.twilio.authToken)
    const store = await openBankStore({ file: config.bankFile, clock })
    cleanup.push(() => store.close())
    const stopLogging = logDecisions(store, log)
    cleanup.push(async () => stopLogging())
    const sessionSecret = loadKeptSecret({
      dataDir: config.dataDir,
      file: SESSION_SECRET_FILE,
      fromEnv: config.sessionSecret,
      variable: 'SESSION_SECRET',
    })
    secrets.push(sessionSecret)

    // The app needs its own URL (for the callback) before it is built: bind the handler late.
    const shuttingDown = new AbortController()
    let handle: (request: Request, env: unknown) => Response | Promise<Response> = () =>
      new Response('Starting…', { status: 503 })
    const server: RunningServer | undefined = options.inProcess
      ? undefined
      : await listen({
          fetch: (request, env) => handle(request, env),
          port: config.port,
          host: config.host,
          name: 'the bank app',
          portVariable: 'PORT',
        })
    cleanup.push(async () => {
      shuttingDown.abort()
      await server?.close()
    })

    // The room code is the data folder's, made before the sandbox runs a room with it.
    const roomCode =
      config.variant === 'solution' && !config.joinedRoom ? loadRoomCode(config.dataDir) : undefined
    const bankNetworkUrl = server && networkUrl(config.host, server.port)

    let sandbox: RunningBank['sandbox']
    if (config.sandbox) {
      const running = await startSandbox({
        apiKey: config.sandbox.apiKey,
        dataFile: config.sandboxFile,
        port: config.sandbox.port,
        host: config.sandbox.host,
        twilio: {
          port: config.sandbox.twilioPort,
          accountSid: config.twilio.accountSid,
          authToken: config.twilio.authToken,
        },
        // Verify serves the same (sandbox) account as Messages, on its own port.
        verify: {
          port: config.sandbox.verifyPort,
          accountSid: config.twilio.accountSid,
          authToken: config.twilio.authToken,
        },
        room: config.hostsRoom ? { code: roomCode!, progressUrl: bankNetworkUrl } : undefined,
        log: (line) => log(`[sandbox] ${line}`),
      })
      cleanup.push(() => running.close())
      sandbox = {
        ...running,
        control: createSandboxControl({ url: running.url, apiKey: running.apiKey }),
      }
    }

    const authy = createAuthyClient({
      apiKey: config.authy.apiKey,
      // With Verify and real Twilio there is no sandbox, and Authy is not used.
      baseUrl: config.authy.mode === 'live' ? config.authy.apiUrl : (sandbox?.url ?? AUTHY_API_URL),
      ...options.authyClient,
    })
    const twilio = createTwilioClient({
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
      hosts:
        config.twilio.mode === 'sandbox'
          ? { api: sandbox!.twilioUrl, verify: sandbox!.verifyUrl }
          : { api: config.twilio.apiUrl },
    })
    const provider = await makeProvider({
      config,
      steps: options.steps,
      authy,
      twilio,
      sandbox,
      appUrl: server && loopbackUrl(server),
      clock,
      log,
    })
    const callbacks = createCallbackHealth({ log, safetyNetPollMs: options.watcher?.safetyNetPollMs })
    const signInWatcher = createSignInWatcher({
      callbacks,
      store,
      provider,
      pollIntervalMs: Math.max(config.pollIntervalMs, 1000),
      clock,
      log,
      expiryGraceMs: options.watcher?.expiryGraceMs,
    })
    cleanup.push(() => signInWatcher.stop())
    const watcher = createApprovalWatcher({
      callbacks,
      store,
      provider,
      pollIntervalMs: config.pollIntervalMs,
      app: config,
      clock,
      log,
      expiryGraceMs: options.watcher?.expiryGraceMs,
      maxBackoffMs: options.watcher?.maxBackoffMs,
    })
    cleanup.push(() => watcher.stop())

    const limits = createBankLimits(clock)
    // The room view is the finished app's: the presenter runs `npm start`.
    const roomApps =
      config.hostsRoom && sandbox
        ? followRoomApps({ read: () => sandbox!.control.apps(), log })
        : undefined
    if (roomApps) cleanup.push(async () => roomApps.stop())
    const presenter =
      roomCode !== undefined
        ? await openPresenterRoom({
            config,
            roomCode,
            roomApps,
            roomSandboxUrl: roomApps ? sandbox!.publicUrl : undefined,
            port: server?.port ?? 0,
            clock,
            wrongCodesFrom: limits.wrongRoomCodesFrom,
            log,
          })
        : undefined
    if (presenter) secrets.push(presenter.key)

    const verifyWebhookUrl = isVerifyProvider(provider) ? provider.webhookUrl : undefined
    // OneTouch callbacks are Authy's: none with Verify, whose webhooks come instead. In a room,
    // the room's sandbox calls this app at AUTHY_CALLBACK_URL (a tunnel, say) or at its network
    // address, if it has one.
    const callbackUrl =
      provider.name === 'verify'
        ? undefined
        : config.joinedRoom
          ? (config.authy.mode === 'live' ? config.authy.callbackUrl : undefined) ??
            (bankNetworkUrl && `${bankNetworkUrl}${CALLBACK_PATH}`)
          : config.authy.mode === 'live'
            ? config.authy.callbackUrl
            : server && `${loopbackUrl(server)}${CALLBACK_PATH}`
    // With a sandbox (embedded or the room's), callbacks come only once step 4 can check them.
    const callbacksOn =
      provider.name === 'verify'
        ? Boolean(verifyWebhookUrl)
        : config.authy.mode === 'sandbox' || config.joinedRoom
          ? Boolean(callbackUrl) && isStepWritten(config, 4)
          : Boolean(callbackUrl)
    const usesSandbox = provider.name === 'verify' || config.authy.mode === 'sandbox'
    const room =
      config.joinedRoom && config.authy.mode === 'live'
        ? joinedRoom({
            apiUrl: config.authy.apiUrl,
            apiKey: config.authy.apiKey,
            callbacksWanted: isStepWritten(config, 4),
            callbackUrl,
            clock,
            log,
          })
        : undefined
    const app = createBankApp({
      config,
      store,
      authy,
      steps: options.steps,
      provider,
      twilio,
      twilioFrom: config.twilio.fromNumber,
      watcher,
      signInWatcher,
      limits,
      flash: createFlash(clock),
      sessionSecret,
      sandbox: room
        ? room.info
        : usesSandbox && sandbox
          ? sandboxInfo(sandbox, provider)
          : undefined,
      callbackUrl,
      callbacksOn,
      callbacks,
      replays: createReplayGuard({ now: clock }),
      clock,
      log,
      signal: shuttingDown.signal,
      maxPendingPerPhone: MAX_PENDING_PER_PHONE,
      presenter,
    })
    handle = (request, env) => app.fetch(request, env)

    if (sandbox && config.authy.mode === 'sandbox') {
      await sandbox.control.setCallback(callbacksOn && callbackUrl ? callbackUrl : null, 'POST')
      // A signed test callback: accepted by step 4, it confirms callbacks reach the app.
      if (callbacksOn && callbackUrl) {
        pinging = true
        await sandbox.control.ping().finally(() => (pinging = false))
      }
    }
    if (room) {
      await room.setCallback(callbacksOn ? callbackUrl! : null)
      const stopAnnouncing = room.announcePhones(store)
      cleanup.push(async () => stopAnnouncing())
    }
    if (store.migrated) log(store.migrated)
    await watcher.resume()
    await signInWatcher.resume()

    let closing: Promise<void> | undefined
    return {
      url: server?.url ?? 'http://localhost',
      port: server?.port ?? 0,
      app,
      config,
      store,
      authy,
      watcher,
      sandbox,
      callbackUrl,
      callbacksOn,
      callbacks,
      presenter,
      webhookUrl: verifyWebhookUrl,
      close: () => (closing ??= closeAll()),
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}

// The sandbox runs in this process, so it calls the app on the loopback address.
function loopbackUrl(server: RunningServer): string {
  return isWildcardHost(server.host) ? `http://127.0.0.1:${server.port}` : server.url
}
