import type { AuthyClient } from '../authy/index.js'
import type { ReplayGuard, Steps } from '../steps/contracts.js'
import type { ApprovalWatcher } from './domain/watcher.js'
import type { BankConfig } from './process/config.js'
import type { BankStore, Clock } from './store/store.js'

/** The embedded sandbox, when it stands in for Authy. */
export interface SandboxInfo {
  url: string
  publicUrl: string
  /** The link to a sandbox user's phone page (it never changes, so it may be kept). */
  phoneUrl(authyId: number): Promise<string>
}

/** Everything the bank app is built from; the routes and workflows take what they need of it. */
export interface BankAppDeps {
  config: BankConfig
  store: BankStore
  /** The Authy client the steps get. */
  authy: AuthyClient
  steps: Steps
  watcher: ApprovalWatcher
  /** Signs session cookies and derives form tokens. */
  sessionSecret: string
  /** Set when the embedded sandbox is used: the account page links to the user's phone page. */
  sandbox?: SandboxInfo | undefined
  /** This app's callback URL as Authy was given it; without one, the callback route answers 404. */
  callbackUrl?: string | undefined
  /** Whether Authy sends callbacks here (false while step 4 is not done). Default: a callback URL is set. */
  callbacksOn?: boolean
  replays: ReplayGuard
  clock: Clock
  log: (line: string) => void
  /** Aborted when the app shuts down: ends the live status streams. */
  signal?: AbortSignal | undefined
  /** At most this many transfers may wait for approval on one phone at once. */
  maxPendingPerPhone: number
}
