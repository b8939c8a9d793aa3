import { createRoomClient, type RoomApp } from '../../sandbox/index.js'
import { messageOf } from '../../steps/step-messages.js'
import type { SandboxInfo } from '../bank-deps.js'
import { terminalQr } from '../../runtime/terminal-qr.js'
import type { BankStore, Clock } from '../store/store.js'

/** How long the room's answer about this app's callback is kept before asking again. */
const CALLBACK_STATE_TTL_MS = 5000

/** This app's link to the room it joined: phone pages, and how its callbacks are doing. */
export interface JoinedRoom {
  /** What the pages need: phone links on the room's address, and a notice about callbacks. */
  info: SandboxInfo
  /** Tells the room's sandbox where to send this app's callbacks (or none); a problem is logged. */
  setCallback(url: string | null): Promise<void>
  /**
   * Prints each new user's phone page link, on the room's address, with a QR code, as the
   * embedded sandbox does. Returns the function that stops it.
   */
  announcePhones(store: Pick<BankStore, 'onUserChange'>): () => void
}

/**
 * The room this app joined with `npm run join`: its sandbox (AUTHY_API_URL) knows the app by its
 * key. Phone links come from there (on the presenter's address, so a phone on the Wi-Fi opens
 * them); when callbacks cannot reach this laptop, the pages say that polling does the work.
 *
 * @example
 * const room = joinedRoom({ apiUrl, apiKey, callbacksWanted: true, clock, log })
 * await room.setCallback('http://192.168.1.23:4100/authy/callback')
 */
export function joinedRoom(input: {
  apiUrl: string
  apiKey: string
  /** Step 4 is written: callbacks would be checked, if they could arrive. */
  callbacksWanted: boolean
  /** Where the room should call this app; undefined when it listens on this computer only. */
  callbackUrl: string | undefined
  clock: Clock
  log: (line: string) => void
}): JoinedRoom {
  const app = createRoomClient(input.apiUrl).forApp(input.apiKey)
  const phoneUrls = new Map<number, string>()
  let state: { app: RoomApp | undefined; at: number } | undefined

  const callbackState = async (): Promise<RoomApp | undefined> => {
    if (state && input.clock() - state.at < CALLBACK_STATE_TTL_MS) return state.app
    const read = await app.app().catch(() => undefined)
    state = { app: read, at: input.clock() }
    return read
  }

  const info: SandboxInfo = {
    url: input.apiUrl,
    publicUrl: input.apiUrl,
    async phoneUrl(user) {
      if (user.authyId === null) throw new Error('this user has no Authy id')
      let url = phoneUrls.get(user.authyId)
      if (url === undefined) {
        url = await app.phoneUrl(user.authyId)
        phoneUrls.set(user.authyId, url)
      }
      return url
    },
    async callbackNotice() {
      if (!input.callbacksWanted) return undefined
      if (!input.callbackUrl) return CALLBACKS_LOCAL_ONLY
      const current = await callbackState()
      const health = current?.callback.state
      return health === 'disabled' || health === 'failing' ? CALLBACKS_BLOCKED : undefined
    },
  }
  return {
    info,
    async setCallback(url) {
      try {
        await app.setCallback(url)
        state = undefined
      } catch (error) {
        input.log(
          `The room's sandbox could not be told where callbacks go (${messageOf(error)}); ` +
            'polling does the work.'
        )
      }
    },
    announcePhones(store) {
      const announced = new Set<number>()
      return store.onUserChange((user) => {
        if (user.authyId === null || announced.has(user.authyId)) return
        announced.add(user.authyId)
        info.phoneUrl(user).then(
          (url) => input.log(`Phone page of ${user.email} on the room's address: ${url}\n${terminalQr(url)}`),
          (error: unknown) => input.log(`The room did not give ${user.email}'s phone page: ${messageOf(error)}`)
        )
      })
    },
  }
}

/** The notice when this app listens on 127.0.0.1: the room's sandbox cannot call it. */
export const CALLBACKS_LOCAL_ONLY =
  "Callbacks can't reach this laptop: the app listens on 127.0.0.1 only, so the room's sandbox " +
  'cannot call it. Polling is doing the work. To try callbacks, restart with HOST=0.0.0.0.'

/** The notice when the room's sandbox gave up calling this app. */
export const CALLBACKS_BLOCKED =
  "Callbacks can't reach this laptop on this network; polling is doing the work."
