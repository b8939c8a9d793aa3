import { join } from 'node:path'
import { createAuthyClient, type AuthyClient, type AuthyClientOptions } from '../../authy/index.js'
import { isWildcardHost } from '../../runtime/hosts.js'
import { listen, type RunningServer } from '../../runtime/serve.js'
import {
  createSandboxControl,
  startSandbox,
  type RunningSandbox,
  type SandboxControl,
} from '../../sandbox/index.js'
import { createBankApp } from '../app.js'
import { openDataDir } from './data-dir.js'
import { loadConfig, type BankConfig, type Variant } from './config.js'
import { mergeEnvironments, readEnvFile, type Environment } from './env-file.js'
import { redactSecrets } from '../../runtime/mask.js'
import { createReplayGuard } from '../domain/replay-guard.js'
import { loadSessionSecret } from './session-secret.js'
import { isStepNotDone } from '../../steps/run-step.js'
import type { Steps } from '../../steps/contracts.js'
import { openBankStore, type BankStore, type Clock } from '../store/store.js'
import { createApprovalWatcher, type ApprovalWatcher } from '../domain/watcher.js'

export interface StartBankOptions {
  variant: Variant
  /** The repository root: `.env`, the step files and the default data directory are under it. */
  rootDir: string
  /** The app's four steps (`solution/steps/*` or `workshop/steps/*`). */
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
  /** Watcher tuning: the grace after expiry and the longest backoff. */
  watcher?: { expiryGraceMs?: number; maxBackoffMs?: number }
  clock?: Clock
}

/** A bank that is listening, with everything it was built from. */
export interface RunningBank {
  /** e.g. http://127.0.0.1:4000 */
  url: string
  port: number
  config: BankConfig
  store: BankStore
  authy: AuthyClient
  watcher: ApprovalWatcher
  /** The embedded sandbox and its control client (no `AUTHY_API_KEY`). */
  sandbox: (RunningSandbox & { control: SandboxControl }) | undefined
  /** Where OneTouch callbacks are accepted, if anywhere. */
  callbackUrl: string | undefined
  /** Whether Authy (the sandbox) is pointed at the callback URL: false while step 4 is not done. */
  callbacksOn: boolean
  /** Stops the watchers, closes the app and the sandbox (both ports freed), flushes the store. */
  close(): Promise<void>
}

/**
 * Starts the bank in this process: configuration, store, the embedded sandbox (without
 * `AUTHY_API_KEY`), the Authy client, the step 3 watchers (resumed) and the app on its port. The
 * data folder is locked while the bank runs: one copy of the app per folder.
 * Throws `ConfigError`, `DataFileError`, `DataDirBusyError`, `EnvFileError`, `SessionSecretError`
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
  const config = loadConfig({ variant: options.variant, rootDir: options.rootDir, env })
  const secrets = [config.authy.apiKey, ...(config.sessionSecret ? [config.sessionSecret] : [])]
  const print = options.log ?? ((line: string) => console.log(line))
  const log = (line: string) => print(redactSecrets(line, secrets))
  const clock = options.clock ?? Date.now
  const cleanup: (() => Promise<void>)[] = []
  const closeAll = async () => {
    for (const step of cleanup.reverse()) await step()
  }

  try {
    const lock = await openDataDir(config.dataDir)
    cleanup.push(() => lock.release())
    const store = await openBankStore({ file: config.bankFile, clock })
    cleanup.push(() => store.close())
    const sessionSecret = loadSessionSecret({
      dataDir: config.dataDir,
      fromEnv: config.sessionSecret,
    })
    secrets.push(sessionSecret)

    let sandbox: RunningBank['sandbox']
    if (config.authy.mode === 'sandbox') {
      const running = await startSandbox({
        apiKey: config.authy.apiKey,
        dataFile: config.sandboxFile,
        port: config.authy.port,
        host: config.authy.host,
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
      baseUrl: sandbox
        ? sandbox.url
        : config.authy.mode === 'live'
          ? config.authy.apiUrl
          : undefined,
      ...options.authyClient,
    })
    const watcher = createApprovalWatcher({
      store,
      authy,
      waitForApproval: options.steps.waitForApproval,
      pollIntervalMs: config.pollIntervalMs,
      app: config,
      clock,
      log,
      ...options.watcher,
    })
    cleanup.push(() => watcher.stop())

    // The app needs its own URL (for the callback) before it is built: bind the handler late.
    const shuttingDown = new AbortController()
    let handle: (request: Request) => Response | Promise<Response> = () =>
      new Response('Starting…', { status: 503 })
    const server: RunningServer = await listen({
      fetch: (request) => handle(request),
      port: config.port,
      host: config.host,
      name: 'the bank app',
      portVariable: 'PORT',
    })
    cleanup.push(async () => {
      shuttingDown.abort()
      await server.close()
    })

    const callbackUrl = sandbox
      ? `${loopbackUrl(server)}/authy/callback`
      : config.authy.mode === 'live'
        ? config.authy.callbackUrl
        : undefined
    const stepFourDone = await isStepFourDone(options.steps, config.authy.apiKey)
    const callbacksOn = sandbox ? stepFourDone : Boolean(callbackUrl)
    const app = createBankApp({
      config,
      store,
      authy,
      steps: options.steps,
      watcher,
      sessionSecret,
      sandbox: sandbox && {
        url: sandbox.url,
        publicUrl: sandbox.publicUrl,
        user: (authyId) => sandbox.control.user(authyId),
      },
      callbackUrl,
      callbacksOn,
      replays: createReplayGuard({ now: clock }),
      clock,
      log,
      signal: shuttingDown.signal,
    })
    handle = (request) => app.fetch(request)

    // Point the sandbox at this app only once step 4 can check what it sends.
    if (sandbox) await sandbox.control.setCallback(stepFourDone ? callbackUrl! : null, 'POST')
    await watcher.resume()

    let closing: Promise<void> | undefined
    return {
      url: server.url,
      port: server.port,
      config,
      store,
      authy,
      watcher,
      sandbox,
      callbackUrl,
      callbacksOn,
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

/**
 * Is step 4 written? Calls it once with an empty callback: the starter throws "not done yet".
 *
 * @example
 * await isStepFourDone(steps, apiKey) // false for the untouched starter
 */
export async function isStepFourDone(steps: Steps, apiKey: string): Promise<boolean> {
  try {
    await steps.receiveCallback({
      callback: {
        method: 'POST',
        params: {},
        nonce: undefined,
        signature: undefined,
        uuid: '',
        status: '',
      },
      apiKey,
      callbackUrl: 'http://127.0.0.1/authy/callback',
      replays: createReplayGuard(),
      transfers: { saveStatus: async () => false },
    })
    return true
  } catch (error) {
    return !isStepNotDone(error)
  }
}
