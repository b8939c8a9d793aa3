// `npm run doctor`: is this machine ready for the workshop? Checks Node, the settings, the ports
// and one real round trip to the Authy API in use (or Twilio Verify, with PROVIDER=verify), in the
// order problems usually show up.
import { createServer } from 'node:net'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createAuthyClient, isAuthyError } from '../authy/index.js'
import { ConfigError, loadConfig, type LoadedConfig, type Variant } from '../bank/process/config.js'
import { mergeEnvironments, readEnvFile } from '../bank/process/env-file.js'
import { SANDBOX_ACCOUNT_SID, startSandbox } from '../sandbox/index.js'
import { createTwilioClient, isTwilioError } from '../twilio/client.js'
import { CHROMIUM_MISSING, findChromium } from '../runtime/chromium.js'
import { nodeVerdict, type NodeVerdict } from './node-versions.js'
import { REPO_ROOT } from './target.js'
import { MARKS } from './terminal.js'

type Outcome = NodeVerdict

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { target: { type: 'string', default: 'workshop' } } })
  const variant = values.target === 'solution' ? 'solution' : 'workshop'
  const command = variant === 'workshop' ? 'npm run workshop' : 'npm start'
  console.log(`Checking this machine for \`${command}\`…\n`)

  const outcomes: Outcome[] = [nodeVerdict(process.versions.node)]
  const config = readConfig(variant, outcomes)
  if (config) {
    outcomes.push(await checkPort(config.port, config.host, 'the bank', 'PORT'))
    if (config.sandbox) {
      const { port, twilioPort, verifyPort, host } = config.sandbox
      outcomes.push(await checkPort(port, host, 'the Authy sandbox', 'SANDBOX_PORT'))
      outcomes.push(
        await checkPort(twilioPort, host, "the sandbox's Twilio API", 'SANDBOX_TWILIO_PORT')
      )
      outcomes.push(
        await checkPort(verifyPort, host, "the sandbox's Verify API", 'SANDBOX_VERIFY_PORT')
      )
    }
    outcomes.push(
      config.provider.name === 'verify' ? await checkVerify(config) : await checkAuthy(config)
    )
  }
  for (const outcome of outcomes) {
    console.log(`  ${outcome.ok ? MARKS.ok : MARKS.fix} ${outcome.text}`)
    if (!outcome.ok) console.log(`     ${outcome.fix}`)
    else if (outcome.advice) console.log(`     ${MARKS.note} ${outcome.advice}`)
  }
  const chromium = findChromium()
  console.log(
    chromium
      ? `  ${MARKS.ok} Chromium for the browser tests: ${chromium}`
      : `  ${MARKS.note} Only for \`npm test\`: ${CHROMIUM_MISSING}`
  )

  const failed = outcomes.filter((outcome) => !outcome.ok).length
  if (failed === 0 && config) {
    console.log(`\nAll set: run \`${command}\` and open http://127.0.0.1:${config.port}.`)
  } else {
    console.log(
      `\n${failed} thing${failed === 1 ? '' : 's'} to fix first: the lines marked "${MARKS.fix}" above.`
    )
  }
  process.exit(failed === 0 ? 0 : 1)
}


function readConfig(variant: Variant, outcomes: Outcome[]): LoadedConfig | undefined {
  try {
    const env = mergeEnvironments(readEnvFile(join(REPO_ROOT, '.env')), process.env)
    const config = loadConfig({ variant, rootDir: REPO_ROOT, env })
    const mode =
      config.authy.mode === 'sandbox'
        ? 'no AUTHY_API_KEY, so the built-in Authy sandbox is used'
        : `AUTHY_API_KEY is set, so the real Authy API at ${config.authy.apiUrl} is used`
    outcomes.push({ ok: true, text: `Settings (environment and .env): ${mode}` })
    return config
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : (error as Error).message
    outcomes.push({
      ok: false,
      text: 'Settings (environment and .env) cannot be used.',
      fix: message.replace(/\n/g, '\n     '),
    })
    return undefined
  }
}

function checkPort(port: number, host: string, what: string, variable: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve({
        ok: false,
        text: `Port ${port} for ${what} is not available (${error.code}).`,
        fix:
          error.code === 'EADDRINUSE'
            ? `Another program uses it, perhaps a copy of the app still running: stop it with ` +
              `Ctrl+C in its terminal, or set ${variable}=${port + 10} in .env.`
            : `Check ${variable} and the matching HOST setting in .env.`,
      })
    })
    server.listen(port, host, () => {
      server.close(() => resolve({ ok: true, text: `Port ${port} for ${what} is free` }))
    })
  })
}

// One real round trip: register a user and read an approval request back (sandbox), or read the
// application's details (the real API, which needs no user).
async function checkAuthy(config: LoadedConfig): Promise<Outcome> {
  if (config.authy.mode === 'live') {
    const authy = createAuthyClient({ apiKey: config.authy.apiKey, baseUrl: config.authy.apiUrl })
    try {
      const { app } = await authy.getApplicationDetails()
      return { ok: true, text: `Authy answers: the key belongs to the application "${app.name}"` }
    } catch (error) {
      return {
        ok: false,
        text: `Authy did not accept a call: ${isAuthyError(error) ? error.describe() : String(error)}`,
        fix:
          isAuthyError(error) && error.status === 401
            ? 'Check AUTHY_API_KEY: copy the API key of your Authy application again.'
            : 'Check the network (a proxy?) and AUTHY_API_URL, or remove AUTHY_API_KEY to use the sandbox.',
      }
    }
  }
  const apiKey = 'doctor-check-key'
  const sandbox = await startSandbox({ apiKey, log: () => {} })
  try {
    const authy = createAuthyClient({ apiKey, baseUrl: sandbox.url })
    const { user } = await authy.registerUser({
      email: 'doctor@example.com',
      cellphone: '201-555-0100',
      countryCode: 1,
    })
    const { approval_request } = await authy.createApprovalRequest({
      authyId: user.id,
      message: 'Doctor check',
    })
    const { approval_request: read } = await authy.getApprovalRequest({
      uuid: approval_request.uuid,
    })
    return {
      ok: true,
      text: `The Authy sandbox works: registered a user and read back a ${read.status} approval request`,
    }
  } catch (error) {
    return {
      ok: false,
      text: `The Authy sandbox failed a round trip: ${isAuthyError(error) ? error.describe() : String(error)}`,
      fix: 'Run `npm install` again; if it persists, tell the presenter what this line says.',
    }
  } finally {
    await sandbox.close()
  }
}

// With PROVIDER=verify: the real Verify Service answers (its name), or the sandbox's Verify API
// sends a code and answers a wrong one as Twilio does (`pending`, not an error).
async function checkVerify(config: LoadedConfig): Promise<Outcome> {
  if (config.twilio.mode === 'live' && config.provider.name === 'verify') {
    const { accountSid, authToken } = config.twilio
    const client = createTwilioClient({ accountSid, authToken })
    try {
      const service = await client.verify.v2.services(config.provider.serviceSid ?? '').fetch()
      return { ok: true, text: `Twilio Verify answers: the Service is "${service.friendlyName}"` }
    } catch (error) {
      const status = isTwilioError(error) ? error.status : undefined
      return {
        ok: false,
        text: `Twilio Verify did not accept a call: ${(error as Error).message}`,
        fix:
          status === 401
            ? 'Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: copy them from the Twilio console again.'
            : status === 404
              ? 'Check VERIFY_SERVICE_SID: the SID of your Service (Verify → Services in the console).'
              : 'Check the network (a proxy?), or remove the TWILIO_ settings to use the sandbox.',
      }
    }
  }
  const account = { accountSid: SANDBOX_ACCOUNT_SID, authToken: 'doctor-check-token-0123456789' }
  const sandbox = await startSandbox({ apiKey: 'doctor-check-key', verify: account, log: () => {} })
  try {
    const client = createTwilioClient({ ...account, hosts: { verify: sandbox.verifyUrl } })
    const service = await client.verify.v2.services.create({ friendlyName: 'Doctor check' })
    const to = '+12015550100'
    await client.verify.v2.services(service.sid).verifications.create({ to, channel: 'sms' })
    const check = await client.verify.v2
      .services(service.sid)
      .verificationChecks.create({ to, code: '0000000' })
    return {
      ok: true,
      text: `The sandbox's Verify API works: sent a code and checked a wrong one (${check.status}, as Twilio answers)`,
    }
  } catch (error) {
    return {
      ok: false,
      text: `The sandbox's Verify API failed a round trip: ${(error as Error).message}`,
      fix: 'Run `npm install` again; if it persists, tell the presenter what this line says.',
    }
  } finally {
    await sandbox.close()
  }
}

await main()
