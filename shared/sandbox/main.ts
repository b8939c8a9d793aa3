// `npm run sandbox`: the Authy-compatible sandbox on its own, with its Twilio API on a second port,
// for workshops and manual testing. Process concerns live here: environment, start-up text, Ctrl+C.
// `npm run sandbox -- --print-key` prints the data folder's Authy key and stops (for scripts:
// KEY=$(npm run --silent sandbox -- --print-key)).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ListenError } from '../runtime/serve.js'
import { KeptSecretError, loadKeptSecret } from '../runtime/kept-secret.js'
import { maskSecret } from '../runtime/mask.js'
import { appHasUser, ownApp } from './domain/apps.js'
import { announcePhoneLink } from './domain/phone-link-announcement.js'
import { phoneUrl } from './domain/sandbox-context.js'
import { SandboxDataFileError } from './domain/store.js'
import {
  readSandboxSettings,
  SandboxEnvironmentError,
  TWILIO_AUTH_TOKEN_FILE,
} from './environment.js'
import { startSandboxApp } from './start-sandbox.js'
import { SANDBOX_ACCOUNT_SID } from './twilio-account.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const log = (line: string) => console.log(`[sandbox] ${line}`)

async function main(): Promise<void> {
  // Variables already set in the shell win over .env.
  if (existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`)
  const read = readSandboxSettings(process.env, root)
  const settings = {
    ...read,
    apiKey:
      read.apiKey ??
      loadKeptSecret({
        dataDir: read.dataDir,
        file: 'sandbox-api-key',
        fromEnv: undefined,
        variable: 'SANDBOX_API_KEY',
      }),
  }
  if (process.argv.includes('--print-key')) {
    console.log(settings.apiKey)
    return
  }
  // After --print-key: printing the Authy key never makes a Twilio token.
  const twilioAuthToken =
    read.twilioAuthToken ??
    loadKeptSecret({
      dataDir: read.dataDir,
      file: TWILIO_AUTH_TOKEN_FILE,
      fromEnv: undefined,
      variable: 'TWILIO_AUTH_TOKEN',
    })
  // Verify serves the same account as Messages (one Twilio account), unless VERIFY_* say otherwise.
  const verifyAccountSid = read.verifyAccountSid ?? SANDBOX_ACCOUNT_SID
  const verifyAuthToken = read.verifyAuthToken ?? twilioAuthToken
  const { running, sandbox } = await startSandboxApp({
    ...settings,
    log,
    twilio: { port: read.twilioPort, accountSid: SANDBOX_ACCOUNT_SID, authToken: twilioAuthToken },
    verify: { port: read.verifyPort, accountSid: verifyAccountSid, authToken: verifyAuthToken },
  })
  // Handle Ctrl+C before saying how to use it.
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(0)
    stopping = true
    log(`${signal}: stopping…`)
    running.close().then(
      () => {
        log(`Stopped; ports ${running.port}, ${running.twilioPort} and ${running.verifyPort} are free.`)
        process.exit(0)
      },
      (error: unknown) => {
        console.error(
          `The sandbox did not stop cleanly: ${error instanceof Error ? error.message : error}`
        )
        process.exit(1)
      }
    )
  }
  process.once('SIGINT', () => stop('Ctrl+C'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  // Phone links of users the sandbox's own application registered: a joined application's are
  // its attendee's, not for a terminal that may be on the projector.
  const data = sandbox.context.store.data
  const users = data.users.filter((user) => appHasUser(ownApp(data), user.authy_id))

  console.log('')
  console.log(`Authy sandbox running at ${running.url}`)
  console.log(
    `  API key:      ${settings.apiKey}` +
      (read.apiKey ? '' : " (this data folder's own; SANDBOX_API_KEY sets another)")
  )
  console.log(`  Data file:    ${settings.dataFile}`)
  console.log(
    `  Control API:  ${running.url}/sandbox/... ` +
      '(same key, header X-Authy-API-Key; this computer only)'
  )
  console.log(`  Phone links:  ${running.publicUrl}/phone/...`)
  if (running.publicUrl.includes('127.0.0.1')) {
    console.log(
      '                (this machine only: SANDBOX_HOST=0.0.0.0 lets a phone on your Wi-Fi ' +
        'open them)'
    )
  }
  console.log('')
  console.log(`Twilio API (Messages) running at ${running.twilioUrl}`)
  console.log(`  Account SID:  ${SANDBOX_ACCOUNT_SID}`)
  console.log(
    // A token from the environment may be a real account's: it is not shown on a shared screen.
    `  Auth Token:   ` +
      (read.twilioAuthToken
        ? `${maskSecret(twilioAuthToken)} (from TWILIO_AUTH_TOKEN)`
        : `${twilioAuthToken} (this data folder's own; TWILIO_AUTH_TOKEN sets another)`)
  )
  console.log(`  API key:      its SID and secret at ${running.url}/sandbox/twilio (control API)`)
  console.log('')
  console.log(`Twilio Verify API (v2) running at ${running.verifyUrl}`)
  console.log(
    `  Account SID:  ${verifyAccountSid}` +
      (read.verifyAccountSid ? ' (from VERIFY_ACCOUNT_SID)' : ' (the same account as Messages)')
  )
  console.log(
    `  Auth Token:   ` +
      (read.verifyAuthToken
        ? `${maskSecret(verifyAuthToken)} (from VERIFY_AUTH_TOKEN)`
        : "the Messages account's (above)")
  )
  console.log(`  Push phones:  ${running.publicUrl}/phone/verify/... (made by ${running.url}/sandbox/verify/...)`)
  console.log('')
  if (users.length === 0) {
    console.log(
      'No users yet: each phone link appears here (with a QR code) when a user registers.'
    )
  } else {
    const shown = users.slice(-3)
    for (const user of users.slice(0, -3))
      log(`Phone for user ${user.authy_id}: ${phoneUrl(sandbox.context, user.phone_token)}`)
    for (const user of shown) announcePhoneLink(sandbox.context, user)
  }
  console.log('Stop it with Ctrl+C.')
  console.log('')
}

main().catch((error: unknown) => {
  // ListenError covers a busy port too (PortInUseError is one).
  if (
    error instanceof ListenError ||
    error instanceof SandboxEnvironmentError ||
    error instanceof SandboxDataFileError ||
    error instanceof KeptSecretError
  ) {
    console.error(error.message)
  } else {
    console.error(
      `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`
    )
  }
  process.exit(1)
})
