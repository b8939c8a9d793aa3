// The bank as a process (`npm start`, `npm run workshop`): start-up text, exit codes, Ctrl+C.
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataDirBusyError } from '../../runtime/data-dir-lock.js'
import { ListenError } from '../../runtime/serve.js'
import { reachableUrls } from '../../runtime/hosts.js'
import { ConfigError, type Variant } from './config.js'
import { EnvFileError } from './env-file.js'
import { maskSecret } from '../../runtime/mask.js'
import { KeptSecretError } from '../../runtime/kept-secret.js'
import { messageOf } from '../../steps/step-messages.js'
import { startBank, type RunningBank } from './start-bank.js'
import { terminalQr } from '../../runtime/terminal-qr.js'
import { isStepWritten } from '../../steps/locate-step.js'
import type { Steps } from '../../steps/contracts.js'
import { DataFileError } from '../store/store.js'
import { VerifySetupError } from './make-provider.js'

/**
 * Runs the bank for `solution/server.ts` or `workshop/server.ts`: the folder of the entry file
 * says which app it is. Prints where everything is, exits 1 with one clear message when it cannot
 * start, and stops cleanly (ports freed, data flushed) on Ctrl+C or SIGTERM.
 *
 * @example
 * await runBank({ entryUrl: import.meta.url, steps: { registerUser, sendApprovalRequest, waitForApproval, receiveCallback } })
 */
export async function runBank(options: { entryUrl: string; steps: Steps }): Promise<void> {
  const appDir = dirname(fileURLToPath(options.entryUrl))
  const variant = basename(appDir)
  if (variant !== 'solution' && variant !== 'workshop') {
    throw new Error(`runBank expects its entry file in solution/ or workshop/, not in ${appDir}.`)
  }
  // The last resort: a promise rejected with nobody listening (a slip in a step, most likely) is
  // logged, instead of Node's default of stopping the whole app mid-workshop.
  process.on('unhandledRejection', (reason) => {
    console.error(
      `An unexpected error was not handled (the bank keeps running): ${messageOf(reason)}` +
        whereFrom(reason)
    )
  })

  // `npm start -- --room` is ROOM=on; nothing else is taken on the command line.
  const args = process.argv.slice(2)
  const unknown = args.filter((arg) => arg !== '--room')
  if (unknown.length > 0) {
    console.error(
      `Unknown option ${unknown.join(' ')}: \`npm start\` takes --room (open a room to the network) and nothing else.`
    )
    process.exit(2)
  }
  if (args.includes('--room')) process.env.ROOM = 'on'

  let bank: RunningBank
  try {
    bank = await startBank({ variant, rootDir: dirname(appDir), steps: options.steps })
  } catch (error) {
    const known =
      error instanceof ConfigError ||
      error instanceof ListenError ||
      error instanceof DataFileError ||
      error instanceof DataDirBusyError ||
      error instanceof EnvFileError ||
      error instanceof KeptSecretError ||
      error instanceof VerifySetupError
    console.error(
      known
        ? (error as Error).message
        : `The bank could not start: ${(error as Error).stack ?? error}`
    )
    process.exit(1)
  }

  // Ctrl+C reaches this process twice (from the terminal and relayed by npm or tsx watch): a
  // repeat within two seconds is the same request; a later one means "stop at once".
  let stoppingSince: number | undefined
  const stop = (signal: string) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < 2000) return
      console.log('Stopping at once.')
      process.exit(1)
    }
    stoppingSince = Date.now()
    // `npm run workshop` restarts the app with SIGTERM on every save: stop quietly then.
    const quiet = signal === 'SIGTERM'
    if (!quiet) console.log(`\n${signal}: stopping the bank…`)
    bank.close().then(
      () => {
        const ports = [
          bank.port,
          bank.sandbox?.port,
          bank.sandbox?.twilioPort,
          bank.sandbox?.verifyPort,
        ].filter(Boolean)
        if (!quiet) console.log(`Stopped. ${portsText(ports as number[])} free.`)
        process.exit(0)
      },
      (error: unknown) => {
        console.error(`The bank did not stop cleanly: ${(error as Error).message ?? error}`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('Ctrl+C'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // Only now: whoever reads "Press Ctrl+C" may press it at once. A restart by the same parent
  // (tsx watch, on every save) gets one line instead of the whole banner.
  if (isRestart(bank.config.dataDir)) console.log(restartLine(bank))
  else printBanner(bank, variant)
}

/**
 * Was the bank started on this data folder before by the same parent process (`tsx watch`
 * restarting it after a save)? Remembers this start for the next one.
 *
 * @example
 * if (isRestart(config.dataDir)) console.log('Restarted.')
 */
export function isRestart(dataDir: string, parentPid = process.ppid): boolean {
  const file = join(dataDir, 'started-by')
  let before: string | undefined
  try {
    before = readFileSync(file, 'utf8').trim()
  } catch {
    // First start in this folder.
  }
  try {
    writeFileSync(file, `${parentPid}\n`)
  } catch {
    // Only the banner depends on it.
  }
  return before === String(parentPid)
}

function restartLine(bank: RunningBank): string {
  const { url } = reachableUrls(bank.config.host, bank.port)
  const callbacks = bank.callbacksOn
    ? bank.callbacks.confirmed
      ? 'callbacks on and confirmed'
      : 'callbacks on'
    : bank.sandbox
      ? 'step 4 not done yet, so polling only'
      : 'polling only'
  return `Restarted with your changes: ${url} (${callbacks}). Press Ctrl+C to stop.`
}

// "Port 4000 is", "Ports 4000 and 4001 are", "Ports 4000, 4001 and 4002 are".
function portsText(ports: number[]): string {
  if (ports.length === 1) return `Port ${ports[0]} is`
  return `Ports ${ports.slice(0, -1).join(', ')} and ${ports.at(-1)} are`
}

// Where an error was thrown: its first stack frame outside Node's own code, if any.
function whereFrom(error: unknown): string {
  const stack = (error as Error | undefined)?.stack
  if (typeof stack !== 'string') return ''
  const frame = stack
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('at ') && !line.includes('node:'))
  return frame ? ` (${frame})` : ''
}

function printBanner(bank: RunningBank, variant: Variant): void {
  const { config, sandbox } = bank
  // A wildcard host (0.0.0.0) is no address to open: this computer uses 127.0.0.1, others the LAN.
  const { url, publicUrl } = reachableUrls(config.host, bank.port)
  const lines = ['', `OneTouch Bank (${variant}) is running.`, `  Open the bank:  ${url}`]
  if (publicUrl !== url)
    lines.push(`                  ${publicUrl}  (from other devices on your network)`)
  const verify = config.provider.name === 'verify'
  if (verify) {
    lines.push(
      sandbox
        ? `  Twilio Verify:  ${sandbox.verifyUrl}  (the sandbox's, stands in for verify.twilio.com)`
        : `  Twilio Verify:  https://verify.twilio.com  (Account ${config.twilio.accountSid})`
    )
  }
  if (sandbox) {
    lines.push(
      `  Authy sandbox:  ${sandbox.url}  (stands in for api.authy.com${verify ? '; its control API and phone pages serve Verify too' : ''})`,
      `  Sandbox key:    ${sandbox.apiKey}  (this data folder's own; for the control API)`,
      `  Phone pages:    ${sandbox.publicUrl}/phone/…${sandbox.publicUrl.includes('127.0.0.1') ? '  (this computer only; SANDBOX_HOST=0.0.0.0 opens them to phones on your Wi-Fi)' : ''}`
    )
  } else if (config.joinedRoom && config.authy.mode === 'live') {
    lines.push(
      `  Authy:          the room's sandbox at ${config.authy.apiUrl}  (joined as ${config.joinedRoom.name ?? 'you'}; \`npm run join -- --leave\` to go back)`,
      `  Phone pages:    ${config.authy.apiUrl}/phone/…  (on the room's address: a phone on its Wi-Fi opens them)`
    )
  } else if (config.authy.mode === 'live') {
    lines.push(
      `  Authy API:      ${config.authy.apiUrl}  (API key ${maskSecret(config.authy.apiKey)})`
    )
  }
  if (bank.presenter) {
    lines.push(
      `  Room view:      ${url}/presenter?key=${bank.presenter.key}  (for the projector; keep the key to yourself)`,
      `  Room code:      ${bank.presenter.roomCode}  (attendees join the progress grid with it)`
    )
  }
  const dataDir = relative(config.rootDir, config.dataDir)
  lines.push(
    `  Data:           ${dataDir.startsWith('..') || dataDir === '' ? config.dataDir : dataDir}`,
    ''
  )
  if (config.hostsRoom && bank.presenter) lines.push(...roomLines(bank), '')
  if (sandbox || config.joinedRoom) {
    lines.push(
      'When someone registers, the link to their phone page and its QR code appear here',
      `and on the page after registering. The phone page stands in for ${verify ? 'an app with the Verify Push SDK' : 'the Authy app'}.`
    )
  }
  if (verify) {
    lines.push(
      bank.webhookUrl
        ? `Verify webhooks go to ${bank.webhookUrl}; polling is the safety net.`
        : 'No VERIFY_WEBHOOK_URL: the app relies on polling the challenges.'
    )
  } else if (bank.callbacksOn && bank.callbacks.confirmed) {
    lines.push(
      `OneTouch callbacks go to ${bank.callbackUrl}, and a test callback arrived: step 3 polls`,
      `every ${bank.callbacks.pollIntervalMs(config.pollIntervalMs) / 1000} s only, as a safety net for a callback that goes missing.`
    )
  } else if (bank.callbacksOn) {
    lines.push(`OneTouch callbacks go to ${bank.callbackUrl}.`)
  } else if (config.joinedRoom && isStepWritten(config, 4)) {
    lines.push(
      "Callbacks can't reach this laptop (it listens on 127.0.0.1): polling does the work. HOST=0.0.0.0 tries callbacks."
    )
  } else if (sandbox || config.joinedRoom) {
    lines.push('Step 4 is not done yet: the app relies on polling (step 3) until it is.')
  } else {
    lines.push('No AUTHY_CALLBACK_URL: the app relies on polling (step 3).')
  }
  lines.push('Press Ctrl+C to stop.', '')
  console.log(lines.join('\n'))
}

// What the presenter puts on the projector when the room opens: where phones go, the QR code,
// and the commands attendees run.
function roomLines(bank: RunningBank): string[] {
  const presenter = bank.presenter!
  const bankUrl = presenter.joinUrl
  if (!bankUrl || !presenter.roomSandboxUrl) {
    return [
      'The room is open, but this computer has no network address: phones and laptops cannot',
      'reach it. Join the venue Wi-Fi (or your phone\'s hotspot), then restart `npm start -- --room`.',
    ]
  }
  return [
    `The room is open. Room code: ${presenter.roomCode}`,
    `  Phones and browsers:   ${bankUrl}`,
    terminalQr(bankUrl),
    `  Attendees' apps join:  npm run join -- ${presenter.roomSandboxUrl} ${presenter.roomCode} --name "Your name"`,
    `  Progress grid:         npm run check -- --room ${bankUrl} --code ${presenter.roomCode} --name "Your name"`,
    'Venue Wi-Fi often keeps devices from reaching each other: if phones cannot open the address,',
    'use your own hotspot for the room (see "Running a room" in the README).',
  ]
}
