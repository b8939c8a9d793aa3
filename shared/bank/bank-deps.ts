import type { AuthyClient } from '../authy/index.js'
import type { User } from '../model/user.js'
import type { ReplayGuard, Steps } from '../steps/contracts.js'
import type { TwilioClient } from '../twilio/client.js'
import type { BankLimits } from './domain/attempt-limits.js'
import type { CallbackHealth } from './domain/callback-health.js'
import type { DemoPhone } from './domain/presenter-demo.js'
import type { RoomApps } from './domain/room-apps.js'
import type { RoomProgress } from './domain/room-progress.js'
import type { SignInWatcher } from './domain/sign-in-watcher.js'
import type { ApprovalWatcher } from './domain/watcher.js'
import type { Flash } from './http/flash.js'
import type { BankConfig } from './process/config.js'
import type { ApprovalProvider } from './provider/provider.js'
import type { BankStore, Clock } from './store/store.js'

/** The sandbox that stands in for Authy: the embedded one, or the room's this app joined. */
export interface SandboxInfo {
  url: string
  publicUrl: string
  /** The link to a user's phone page in the sandbox (it never changes, so it may be kept). */
  phoneUrl(user: User): Promise<string>
  /** In a room: a sentence when callbacks cannot reach this app and polling does the work. */
  callbackNotice?(): Promise<string | undefined>
}

/** The presenter's room view (the finished app only). */
export interface PresenterDeps {
  /** The data folder's presenter key: the room view's credential. */
  key: string
  /** The room's code: the credential of attendees' progress reports. */
  roomCode: string
  progress: RoomProgress
  /** The bank's address for learners; undefined while it listens on this computer only. */
  joinUrl: string | undefined
  /** Where the demo transfer goes; undefined with a real Authy account and no PRESENTER_PHONE. */
  demoPhone: DemoPhone | undefined
  /** The attendees' applications, when the sandbox runs the room (`npm start -- --room`). */
  roomApps: RoomApps | undefined
  /** The room's sandbox as attendees' laptops reach it (`npm run join -- <it> <code>`), with a room. */
  roomSandboxUrl: string | undefined
}

/** Everything the bank app is built from; the routes and workflows take what they need of it. */
export interface BankAppDeps {
  config: BankConfig
  store: BankStore
  /** The Authy client the steps get. */
  authy: AuthyClient
  steps: Steps
  /** What verifies phones and approves transfers and sign-ins: Authy (the steps) or Verify. */
  provider: ApprovalProvider
  /** The official Twilio client (the sandbox's Messages API, or real Twilio). */
  twilio: TwilioClient
  /** The number texts come from (TWILIO_FROM_NUMBER). */
  twilioFrom: string
  /** Follows transfers (runs step 3). */
  watcher: ApprovalWatcher
  /** Follows sign-ins waiting for the phone. */
  signInWatcher: SignInWatcher
  /** Limits on wrong codes, texts and passwords. */
  limits: BankLimits
  /** A sentence for the page after a redirect. */
  flash: Flash
  /** Signs session cookies and derives form tokens. */
  sessionSecret: string
  /** Set with a sandbox (embedded, or the room's): the pages link to the user's phone page. */
  sandbox?: SandboxInfo | undefined
  /** This app's callback URL as Authy was given it; without one, the callback route answers 404. */
  callbackUrl?: string | undefined
  /** Whether Authy sends callbacks here (false while step 4 is not done). Default: a callback URL is set. */
  callbacksOn?: boolean
  /** Whether callbacks are known to arrive: an accepted one confirms it, and polling slows. */
  callbacks?: CallbackHealth
  replays: ReplayGuard
  clock: Clock
  log: (line: string) => void
  /** Aborted when the app shuts down: ends the live status streams. */
  signal?: AbortSignal | undefined
  /** At most this many transfers may wait for approval on one phone at once. */
  maxPendingPerPhone: number
  /** Set for the finished app: the presenter's room view and the progress reports. */
  presenter?: PresenterDeps | undefined
}
