import { isRoomApp } from '../apps.js'
import type { SandboxData, StoredApp } from '../store-schema.js'
import { isAccountCredential, twilioAccount, type TwilioAccount } from './account.js'

/** A Twilio account of the sandbox and the application it belongs to. */
export interface TwilioAccountOfApp {
  account: TwilioAccount
  appId: number
}

/**
 * Every Twilio account the sandbox's Twilio API serves: the sandbox's own (the `twilio` option,
 * the first application's) and one per application joined in a room, each by the usernames Basic
 * auth may carry: its Account SID and its API key's SID.
 */
export interface TwilioAccounts {
  own: TwilioAccount
  byUsername: Map<string, TwilioAccountOfApp>
}

/**
 * The accounts of the sandbox's own application (`own`) and of every joined application, which
 * own the same numbers as the sandbox's account (their texts come from the same test number).
 *
 * @example
 * const accounts = indexTwilioAccounts(store.data, ownAccount)
 */
export function indexTwilioAccounts(data: SandboxData, own: TwilioAccount): TwilioAccounts {
  const accounts: TwilioAccounts = { own, byUsername: new Map() }
  const ownEntry = { account: own, appId: data.apps[0]!.app_id }
  accounts.byUsername.set(own.accountSid, ownEntry)
  accounts.byUsername.set(own.apiKey.sid, ownEntry)
  for (const app of data.apps) addTwilioAccount(accounts, app)
  return accounts
}

/**
 * One account only, of the sandbox's own application: what the Verify API serves (joined
 * applications of a room have no Verify service of their own).
 *
 * @example
 * app.use('/v2/*', twilioBasicAuth(ownTwilioAccount(ctx.verify.account, ownAppId)))
 */
export function ownTwilioAccount(own: TwilioAccount, appId: number): TwilioAccounts {
  const entry = { account: own, appId }
  return {
    own,
    byUsername: new Map([
      [own.accountSid, entry],
      [own.apiKey.sid, entry],
    ]),
  }
}

/**
 * Adds a joined application's account (nothing for an application without one).
 *
 * @example
 * addTwilioAccount(ctx.twilioAccounts, app)
 */
export function addTwilioAccount(accounts: TwilioAccounts, app: StoredApp): void {
  if (!isRoomApp(app) || !app.twilio) return
  const account = twilioAccount({
    accountSid: app.twilio.account_sid,
    authToken: app.twilio.auth_token,
    fromNumbers: accounts.own.fromNumbers,
  })
  const entry = { account, appId: app.app_id }
  accounts.byUsername.set(account.accountSid, entry)
  accounts.byUsername.set(account.apiKey.sid, entry)
}

/**
 * The account a Basic username and password open: an Account SID and its Auth Token, or an API
 * key's SID and secret. The username (a SID, which every path shows) finds the account; the
 * password is compared in constant time.
 *
 * @example
 * findTwilioAccount(accounts, 'AC…', token)?.account.accountSid
 */
export function findTwilioAccount(
  accounts: TwilioAccounts,
  username: string,
  password: string
): TwilioAccountOfApp | undefined {
  const entry = accounts.byUsername.get(username)
  return entry && isAccountCredential(entry.account, username, password) ? entry : undefined
}

/**
 * An application's Twilio account, if it has one.
 *
 * @example
 * twilioAccountOfApp(ctx.twilioAccounts, app)?.accountSid
 */
export function twilioAccountOfApp(
  accounts: TwilioAccounts,
  app: StoredApp
): TwilioAccount | undefined {
  if (!isRoomApp(app)) return accounts.own
  return app.twilio ? accounts.byUsername.get(app.twilio.account_sid)?.account : undefined
}
