import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../shared/bank/process/config.js'
import { mergeEnvironments, readEnvFile } from '../../shared/bank/process/env-file.js'
import { removeDataDirs, ROOT, tempDataDir } from './support/bank-harness.js'

const rootDir = '/repo'
afterEach(removeDataDirs)

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ variant: 'solution', rootDir, env })
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.message)
    throw error
  }
  return []
}

describe('loadConfig', () => {
  it('uses the embedded sandbox on 4000/4001 for the solution by default', () => {
    const config = loadConfig({ variant: 'solution', rootDir, env: {} })
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      // No SANDBOX_API_KEY: the data folder's own key, known once the folder is open.
      authy: { mode: 'sandbox', apiKey: undefined },
      twilio: { mode: 'sandbox', authToken: undefined, fromNumber: '+15005550006' },
      sandbox: {
        host: '127.0.0.1',
        port: 4001,
        twilioPort: 4002,
        verifyPort: 4003,
        apiKey: undefined,
      },
      dataDir: '/repo/.data/solution',
      bankFile: '/repo/.data/solution/bank.json',
      sandboxFile: '/repo/.data/solution/sandbox.json',
      secondsToExpire: 600,
      pollIntervalMs: 1000,
    })
  })

  it('uses 4100/4101 and its own data directory for the workshop', () => {
    const config = loadConfig({ variant: 'workshop', rootDir, env: {} })
    expect([
      config.port,
      config.sandbox?.port,
      config.sandbox?.twilioPort,
      config.sandbox?.verifyPort,
      config.dataDir,
    ]).toEqual([4100, 4101, 4102, 4103, '/repo/.data/workshop'])
  })

  it('talks to the real API when AUTHY_API_KEY is set', () => {
    const config = loadConfig({
      variant: 'solution',
      rootDir,
      env: {
        AUTHY_API_KEY: 'real-key-123456',
        AUTHY_CALLBACK_URL: 'https://bank.example/authy/callback',
      },
    })
    expect(config.authy).toEqual({
      mode: 'live',
      apiKey: 'real-key-123456',
      apiUrl: 'https://api.authy.com',
      callbackUrl: 'https://bank.example/authy/callback',
    })
  })

  it.each([
    [
      'PORT',
      'abc',
      'PORT must be a port number: a whole number from 1 to 65535, or 0 for any free port, e.g. PORT=4010 (it is "abc").',
    ],
    ['PORT', '70000', 'PORT must be a port number'],
    ['SANDBOX_HOST', 'my host', 'SANDBOX_HOST must be a host name or IP address to listen on'],
    [
      'SECONDS_TO_EXPIRE',
      '86400',
      'SECONDS_TO_EXPIRE must be a whole number of seconds from 1 to 600',
    ],
    [
      'POLL_INTERVAL_MS',
      '1.5',
      'POLL_INTERVAL_MS must be a whole number of milliseconds from 50 to 60000',
    ],
    ['AUTHY_API_URL', 'ftp://x', 'AUTHY_API_URL must be an http:// or https:// URL'],
  ])('names %s, what it must be and an example when it is %j', (name, value, message) => {
    const env: Record<string, string> = { [name]: value }
    if (name === 'AUTHY_API_URL') env.AUTHY_API_KEY = 'real-key-123456'
    expect(problems(env).join('\n')).toContain(message)
  })

  it('never prints a secret it refuses', () => {
    const message = problems({ SESSION_SECRET: 'too-short-secret' }).join('\n')
    expect(message).toContain('SESSION_SECRET must be a random string of at least 32 characters')
    expect(message).not.toContain('too-short-secret')
  })

  it('refuses AUTHY_API_URL without AUTHY_API_KEY', () => {
    expect(problems({ AUTHY_API_URL: 'https://api.authy.com' })).toEqual([
      'AUTHY_API_URL is only used with a real Authy key: set AUTHY_API_KEY too, or remove AUTHY_API_URL to use the built-in sandbox.',
    ])
  })

  it('refuses the same port for the app and the sandbox', () => {
    expect(problems({ PORT: '4500', SANDBOX_PORT: '4500' })[0]).toContain(
      'PORT and SANDBOX_PORT must differ'
    )
  })

  it('suggests a valid sandbox port when both are the highest port', () => {
    expect(problems({ PORT: '65535', SANDBOX_PORT: '65535' })).toEqual([
      'PORT and SANDBOX_PORT must differ (both are 65535), e.g. SANDBOX_PORT=65534.',
    ])
  })

  it.each([
    'https://abc123.ngrok.io',
    'https://abc123.ngrok.io/',
    'https://abc123.ngrok.io/authy',
    'https://abc123.ngrok.io/authy/callback/extra',
  ])('refuses AUTHY_CALLBACK_URL %s, which does not end in /authy/callback', (url) => {
    expect(problems({ AUTHY_API_KEY: 'real-key-123456', AUTHY_CALLBACK_URL: url })).toEqual([
      `AUTHY_CALLBACK_URL must be this app's public URL followed by /authy/callback, exactly as ` +
        `set in the Authy dashboard, e.g. AUTHY_CALLBACK_URL=https://abc123.ngrok.io/authy/callback (it is "${url}").`,
    ])
  })

  it('lists every wrong variable at once', () => {
    expect(problems({ PORT: 'x', HOST: 'a b', POLL_INTERVAL_MS: '0' })).toHaveLength(3)
  })
})

describe('the .env file', () => {
  it('is read, and the real environment wins over it', () => {
    const file = join(tempDataDir(), '.env')
    writeFileSync(file, '# comment\nPORT=4010\nHOST=0.0.0.0\nSECONDS_TO_EXPIRE="120"\n')
    const env = mergeEnvironments(readEnvFile(file), { PORT: '4020', POLL_INTERVAL_MS: '' })
    const config = loadConfig({ variant: 'solution', rootDir, env })
    expect([config.port, config.host, config.secondsToExpire, config.pollIntervalMs]).toEqual([
      4020,
      '0.0.0.0',
      120,
      1000,
    ])
  })

  it('is optional', () => {
    expect(readEnvFile(join(tempDataDir(), '.env'))).toEqual({})
  })
})

describe('.env.example', () => {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8')

  it('lists every variable the app reads', () => {
    const listed = [...example.matchAll(/^# ([A-Z_]+)=/gm)].map((match) => match[1])
    expect(listed.sort()).toEqual([...CONFIG_VARIABLES].sort())
  })

  it('gives examples that work when uncommented', () => {
    const file = join(tempDataDir(), '.env')
    writeFileSync(file, example.replace(/^# ([A-Z_]+=)/gm, '$1'))
    expect(() => loadConfig({ variant: 'solution', rootDir, env: readEnvFile(file) })).not.toThrow()
  })
})
