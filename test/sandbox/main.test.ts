import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  PortInUseError,
  SANDBOX_ACCOUNT_SID,
  SANDBOX_FROM_NUMBER,
  startSandbox,
} from '../../shared/sandbox/index.js'
import { createTwilioClient } from '../../shared/twilio/client.js'
import { isPortFree, occupyPort, portOf, send, TEST_KEY } from './support.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

interface Run {
  child: ChildProcess
  output: () => string
  errors: () => string
  exit: Promise<number | null>
  waitFor(text: string | RegExp): Promise<string>
}

function runSandbox(env: Record<string, string>, args: string[] = []): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'shared/sandbox/main.ts', ...args], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      SANDBOX_HOST: '127.0.0.1',
      // Any free port unless a test says otherwise: 4202 may be another sandbox's.
      SANDBOX_TWILIO_PORT: '0',
      SANDBOX_VERIFY_PORT: '0',
      TWILIO_AUTH_TOKEN: '',
      VERIFY_ACCOUNT_SID: '',
      VERIFY_AUTH_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const listeners: (() => void)[] = []
  child.stdout!.on('data', (chunk) => {
    stdout += chunk
    listeners.forEach((listener) => listener())
  })
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) =>
      resolve(code ?? (signal ? (`signal ${signal}` as never) : null))
    )
  )
  return {
    child,
    output: () => stdout,
    errors: () => stderr,
    exit,
    waitFor: (text) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = typeof text === 'string' ? stdout.includes(text) : text.test(stdout)
          if (match) resolve(stdout)
        }
        listeners.push(check)
        check()
        void exit.then(() =>
          reject(new Error(`The sandbox exited before printing ${text}:\n${stdout}\n${stderr}`))
        )
      }),
  }
}

describe('npm run sandbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-main-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('makes the data folder its own random key, and --print-key prints it for scripts', async () => {
    const folder = join(dataDir, 'own-key')
    const printed = runSandbox({ SANDBOX_DATA_DIR: folder, SANDBOX_API_KEY: '' }, ['--print-key'])
    expect(await printed.exit).toBe(0)
    const key = printed.output().trim()
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(readFileSync(join(folder, 'sandbox-api-key'), 'utf8').trim()).toBe(key)

    const run = runSandbox({ SANDBOX_PORT: '0', SANDBOX_DATA_DIR: folder, SANDBOX_API_KEY: '' })
    const output = await run.waitFor('Stop it with Ctrl+C.')
    expect(output).toContain(`API key:      ${key} (this data folder's own`)
    run.child.kill('SIGINT')
    expect(await run.exit).toBe(0)
  })

  it('serves the Twilio API with the data folder’s own Auth Token, printed with the Account SID', async () => {
    const folder = join(dataDir, 'twilio')
    const printed = runSandbox({ SANDBOX_DATA_DIR: folder }, ['--print-key'])
    expect(await printed.exit).toBe(0)
    expect(existsSync(join(folder, 'twilio-auth-token'))).toBe(false)

    const run = runSandbox({ SANDBOX_PORT: '0', SANDBOX_DATA_DIR: folder })
    const output = await run.waitFor('Stop it with Ctrl+C.')
    const twilioUrl = /Twilio API \(Messages\) running at (http:\/\/127\.0\.0\.1:\d+)/.exec(
      output
    )![1]!
    const token = readFileSync(join(folder, 'twilio-auth-token'), 'utf8').trim()
    expect(output).toContain(`Account SID:  ${SANDBOX_ACCOUNT_SID}`)
    expect(output).toContain(`Auth Token:   ${token} (this data folder's own`)
    const client = createTwilioClient({
      accountSid: SANDBOX_ACCOUNT_SID,
      authToken: token,
      hosts: { api: twilioUrl },
    })
    const sent = await client.messages.create({
      to: '+12015550151',
      from: SANDBOX_FROM_NUMBER,
      body: 'From npm run sandbox',
    })
    expect(sent.status).toBe('queued')
    // Verify serves the same account, with the same token, on a port of its own.
    const verifyUrl = /Twilio Verify API \(v2\) running at (http:\/\/127\.0\.0\.1:\d+)/.exec(
      output
    )![1]!
    expect(output).toContain(`Account SID:  ${SANDBOX_ACCOUNT_SID} (the same account as Messages)`)
    const verify = createTwilioClient({
      accountSid: SANDBOX_ACCOUNT_SID,
      authToken: token,
      hosts: { verify: verifyUrl },
    })
    const service = await verify.verify.v2.services.create({ friendlyName: 'From npm run sandbox' })
    expect(service.sid).toMatch(/^VA[0-9a-f]{32}$/)
    run.child.kill('SIGINT')
    expect(await run.exit).toBe(0)
    const port = Number(new URL(twilioUrl).port)
    const verifyPort = Number(new URL(verifyUrl).port)
    expect(run.output()).toMatch(
      new RegExp(`Stopped; ports \\d+, ${port} and ${verifyPort} are free`)
    )
  })

  it('takes VERIFY_ACCOUNT_SID and VERIFY_AUTH_TOKEN for the Verify API, and shows only the token’s end', async () => {
    const token = 'a-verify-token-from-the-environment'
    const accountSid = 'AC0123456789abcdef0123456789abcdef'
    const run = runSandbox({
      SANDBOX_PORT: '0',
      SANDBOX_DATA_DIR: join(dataDir, 'verify-env'),
      VERIFY_ACCOUNT_SID: accountSid,
      VERIFY_AUTH_TOKEN: token,
    })
    const output = await run.waitFor('Stop it with Ctrl+C.')
    expect(output).toContain(`Account SID:  ${accountSid} (from VERIFY_ACCOUNT_SID)`)
    expect(output).toContain('Auth Token:   …ment (from VERIFY_AUTH_TOKEN)')
    expect(output).not.toContain(token)
    const verifyUrl = /Twilio Verify API \(v2\) running at (http:\/\/127\.0\.0\.1:\d+)/.exec(
      output
    )![1]!
    const verify = createTwilioClient({ accountSid, authToken: token, hosts: { verify: verifyUrl } })
    expect((await verify.verify.v2.services.create({ friendlyName: 'Env' })).accountSid).toBe(accountSid)
    run.child.kill('SIGINT')
    expect(await run.exit).toBe(0)
  })

  it('takes TWILIO_AUTH_TOKEN, and shows only its end', async () => {
    const token = 'a-twilio-token-from-the-environment'
    const run = runSandbox({
      SANDBOX_PORT: '0',
      SANDBOX_DATA_DIR: dataDir,
      TWILIO_AUTH_TOKEN: token,
    })
    const output = await run.waitFor('Stop it with Ctrl+C.')
    expect(output).toContain('Auth Token:   …ment (from TWILIO_AUTH_TOKEN)')
    expect(output).not.toContain(token)
    run.child.kill('SIGINT')
    expect(await run.exit).toBe(0)
  })

  it('starts, prints its URL, key and how to stop, announces phone links, and frees the port on Ctrl+C', async () => {
    const run = runSandbox({
      SANDBOX_PORT: '0',
      SANDBOX_DATA_DIR: dataDir,
      SANDBOX_API_KEY: TEST_KEY,
    })
    const output = await run.waitFor('Stop it with Ctrl+C.')
    const url = /Authy sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]
    expect(output).toContain(`API key:      ${TEST_KEY}`)
    expect(output).toContain('phone link appears here (with a QR code) when a user registers')
    expect(output).toContain(join(dataDir, 'sandbox.json'))

    const details = await send('GET', `${url}/protected/json/app/details`, {
      headers: { 'x-authy-api-key': TEST_KEY },
    })
    expect(details.status).toBe(200)
    await send('POST', `${url}/protected/json/users/new`, {
      headers: { 'x-authy-api-key': TEST_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        user: { email: 'main@example.com', cellphone: '2015550150', country_code: '1' },
      }),
    })
    const announced = await run.waitFor(/Phone for user \d+ .*\/phone\/[A-Za-z0-9_-]{32}/)
    expect(announced).toMatch(/[▀▄█]{10,}/)

    run.child.kill('SIGINT')
    expect(await run.exit).toBe(0)
    expect(run.output()).toContain('are free')
    expect(await isPortFree(Number(new URL(url).port))).toBe(true)
  })

  it('prints the phone links of existing users at start-up', async () => {
    const run = runSandbox({
      SANDBOX_PORT: '0',
      SANDBOX_DATA_DIR: dataDir,
      SANDBOX_API_KEY: TEST_KEY,
    })
    const output = await run.waitFor('Stop it with Ctrl+C.')
    expect(output).toMatch(
      /Phone for user \d+ \(\+1 201-555-0150, main@example\.com\): http:\/\/127\.0\.0\.1:\d+\/phone\//
    )
    run.child.kill('SIGTERM')
    expect(await run.exit).toBe(0)
  })

  it.each([
    ['the Authy port', 'SANDBOX_PORT'],
    ['the Twilio port', 'SANDBOX_TWILIO_PORT'],
    ['the Verify port', 'SANDBOX_VERIFY_PORT'],
  ])('explains a busy port (%s, %s) and exits 1 without a stack trace', async (_, variable) => {
    const busy = await occupyPort()
    try {
      const run = runSandbox({
        SANDBOX_PORT: '0',
        [variable]: String(portOf(busy)),
        SANDBOX_DATA_DIR: dataDir,
      })
      expect(await run.exit).toBe(1)
      expect(run.errors()).toContain(`Port ${portOf(busy)} is already in use`)
      expect(run.errors()).toContain(`${variable}=`)
      expect(run.errors()).not.toMatch(/^\s+at /m)
    } finally {
      busy.close()
    }
  })

  it('names a bad environment variable and exits 1', async () => {
    const run = runSandbox({ SANDBOX_PORT: 'forty-two', SANDBOX_DATA_DIR: dataDir })
    expect(await run.exit).toBe(1)
    expect(run.errors()).toMatch(/^SANDBOX_PORT="forty-two" is not valid/)
    expect(run.errors()).not.toMatch(/^\s+at /m)
  })
})

describe('startSandbox', () => {
  it('rejects with PortInUseError when the port is taken', async () => {
    const busy = await occupyPort()
    try {
      const error = await startSandbox({
        apiKey: TEST_KEY,
        port: portOf(busy),
        log: () => {},
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PortInUseError)
      expect((error as Error).message).toContain('SANDBOX_PORT')
    } finally {
      busy.close()
    }
  })

  it('frees its port on close', async () => {
    const sandbox = await startSandbox({ apiKey: TEST_KEY, log: () => {} })
    await sandbox.close()
    const again = await startSandbox({ apiKey: TEST_KEY, port: sandbox.port, log: () => {} })
    expect(again.port).toBe(sandbox.port)
    await again.close()
  })

  it('uses the given publicUrl for phone links', async () => {
    const sandbox = await startSandbox({
      apiKey: TEST_KEY,
      publicUrl: 'http://phone.example:4200/',
      log: () => {},
    })
    try {
      expect(sandbox.publicUrl).toBe('http://phone.example:4200')
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      await sandbox.close()
    }
  })
})
