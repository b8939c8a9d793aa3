import { reachableUrls } from '../runtime/hosts.js'
import type { RoomOptions } from './domain/room/room.js'
import { listen, type RunningServer } from '../runtime/serve.js'
import {
  createSandboxApp,
  type SandboxApp,
  type SandboxAppOptions,
  type SandboxTwilioOptions,
  type SandboxVerifyOptions,
} from './create-sandbox-app.js'

/** How to start a sandbox. */
export interface SandboxOptions {
  /** The key of the sandbox's own application (its first), and of the control API. */
  apiKey: string
  /** The lowdb JSON file; omitted → in memory (tests). */
  dataFile?: string
  /** Default 0 (any free port). */
  port?: number
  /** Default '127.0.0.1'; '0.0.0.0' makes phone links use this machine's LAN address. */
  host?: string
  /** Base of phone links; derived from host/port when omitted. */
  publicUrl?: string
  /** Default: console.log with a '[sandbox] ' prefix. */
  log?: (line: string) => void
  /** Default 5000. */
  callbackTimeoutMs?: number
  /** Set at start (the apps point it at themselves). */
  onetouchCallback?: SandboxAppOptions['onetouchCallback']
  /** The clock (tests); default `Date.now`. */
  now?: SandboxAppOptions['now']
  /**
   * Serve Twilio's Messages API too, on its own port (`port` default 0, any free one) of the same
   * host, for this account. Both ports share one state: a text lands in the phones' inboxes.
   */
  twilio?: SandboxTwilioOptions & { port?: number }
  /**
   * Run a room on the Authy port: attendees join with `POST /room/join` and this code, each
   * getting an application of their own (README, "Rooms: many applications").
   */
  room?: RoomOptions
  /**
   * Serve Twilio's Verify v2 API too, on its own port (`port` default 0) of the same host, for this
   * account. It shares the state: codes reach the phones' inboxes, challenges their pages.
   */
  verify?: SandboxVerifyOptions & { port?: number }
}

/** A sandbox that is listening. */
export interface RunningSandbox {
  /** What clients use, e.g. http://127.0.0.1:4200. */
  url: string
  /** What phones (and, in a room, attendees' laptops) use. */
  publicUrl: string
  apiKey: string
  port: number
  /** Where the Twilio API answers, e.g. http://127.0.0.1:4202; undefined without `twilio`. */
  twilioUrl: string | undefined
  /** Where other computers reach the Twilio API (the LAN address when listening on 0.0.0.0). */
  twilioPublicUrl: string | undefined
  twilioPort: number | undefined
  /** Where the Verify API answers, e.g. http://127.0.0.1:4203; undefined without `verify`. */
  verifyUrl: string | undefined
  verifyPort: number | undefined
  /** Stops listening (every port), finishes callbacks in flight and pending writes. */
  close(): Promise<void>
}

/**
 * Starts the Authy-compatible sandbox on a port, and with `twilio` its Twilio API on a second one.
 * Rejects with `PortInUseError` (from shared/runtime/serve.ts) when a port is taken, naming
 * `SANDBOX_PORT` or `SANDBOX_TWILIO_PORT`.
 *
 * @example
 * const sandbox = await startSandbox({ apiKey: DEFAULT_SANDBOX_API_KEY })
 * const authy = new Client({ key: sandbox.apiKey }, { host: sandbox.url })
 * await sandbox.close()
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  return (await startSandboxApp(options)).running
}

/**
 * {@link startSandbox}, also handing back the app and its state (for `npm run sandbox`, which
 * prints the phone links of existing users).
 *
 * @example
 * const { running, sandbox } = await startSandboxApp({ apiKey, port: 4200 })
 * console.log(sandbox.context.store.data.users.length)
 */
export async function startSandboxApp(
  options: SandboxOptions
): Promise<{ running: RunningSandbox; sandbox: SandboxApp }> {
  const host = options.host ?? '127.0.0.1'
  let publicUrl = options.publicUrl
  let twilioPublicUrl: string | undefined
  const sandbox = await createSandboxApp({
    apiKey: options.apiKey,
    host,
    dataFile: options.dataFile,
    log: options.log,
    callbackTimeoutMs: options.callbackTimeoutMs,
    onetouchCallback: options.onetouchCallback,
    now: options.now,
    publicUrl: () => publicUrl ?? 'http://127.0.0.1',
    twilio: options.twilio,
    twilioPublicUrl: () => twilioPublicUrl,
    room: options.room,
    verify: options.verify,
  })
  const servers: RunningServer[] = []
  let twilioServer: RunningServer | undefined
  let verifyServer: RunningServer | undefined
  const closeAll = async () => {
    await Promise.all(servers.map((server) => server.close()))
    await sandbox.close()
  }
  try {
    servers.push(
      await listen({
        fetch: sandbox.fetch,
        port: options.port ?? 0,
        host,
        name: 'the Authy sandbox',
        portVariable: 'SANDBOX_PORT',
      })
    )
    if (sandbox.twilioApp) {
      twilioServer = await listen({
        fetch: sandbox.twilioApp.fetch,
        port: options.twilio?.port ?? 0,
        host,
        name: "the sandbox's Twilio API",
        portVariable: 'SANDBOX_TWILIO_PORT',
        hostVariable: 'SANDBOX_HOST',
      })
      servers.push(twilioServer)
    }
    if (sandbox.verifyApp) {
      verifyServer = await listen({
        fetch: sandbox.verifyApp.fetch,
        port: options.verify?.port ?? 0,
        host,
        name: "the sandbox's Verify API",
        portVariable: 'SANDBOX_VERIFY_PORT',
        hostVariable: 'SANDBOX_HOST',
      })
      servers.push(verifyServer)
    }
  } catch (error) {
    await closeAll()
    throw error
  }
  const server = servers[0]!
  const urls = reachableUrls(host, server.port)
  publicUrl = (options.publicUrl ?? urls.publicUrl).replace(/\/+$/, '')
  if (twilioServer) {
    // Where phones reach the Authy port, the Twilio port is reached too: same host, its own port.
    const url = new URL(publicUrl)
    url.port = String(twilioServer.port)
    twilioPublicUrl = url.origin
  }
  let closing: Promise<void> | undefined
  const running: RunningSandbox = {
    url: urls.url,
    publicUrl,
    apiKey: options.apiKey,
    port: server.port,
    twilioUrl: twilioServer && reachableUrls(host, twilioServer.port).url,
    twilioPublicUrl,
    twilioPort: twilioServer?.port,
    verifyUrl: verifyServer && reachableUrls(host, verifyServer.port).url,
    verifyPort: verifyServer?.port,
    close() {
      closing ??= closeAll()
      return closing
    },
  }
  return { running, sandbox }
}
