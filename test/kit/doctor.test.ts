import { spawn } from 'node:child_process'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../shared/sandbox/index.js'
import { REPO_ROOT } from '../../shared/kit/target.js'
import { linesWithoutWords, markedLines } from './marks-in-words.js'

// `npm run doctor`, run as a real process with its settings in the environment.

function doctor(
  env: Record<string, string>,
  args: string[] = []
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'shared/kit/doctor-cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (status) => resolve({ status, output }))
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('npm run doctor', () => {
  let busy: Server
  let busyPort: number
  let ports: Record<string, string>
  let sandbox: Awaited<ReturnType<typeof startSandbox>>

  beforeAll(async () => {
    busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    busyPort = (busy.address() as AddressInfo).port
    ports = {
      PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      SANDBOX_TWILIO_PORT: String(await freePort()),
      SANDBOX_VERIFY_PORT: String(await freePort()),
    }
    sandbox = await startSandbox({ apiKey: 'doctor-test-key', log: () => {} })
  })

  afterAll(async () => {
    busy.close()
    await sandbox.close()
  })

  it('says all is set when Node, the settings, the ports and the sandbox are fine', async () => {
    const { status, output } = await doctor(ports)
    expect(status).toBe(0)
    expect(output).toContain('✅ OK: Node')
    expect(output).toContain('built-in Authy sandbox is used')
    expect(output).toContain(`✅ OK: Port ${ports.PORT} for the bank is free`)
    expect(output).toContain('registered a user and read back a pending approval request')
    expect(output).toContain('All set: run `npm run workshop`')
  })

  it('with PROVIDER=verify, checks the sandbox’s Verify API instead of Authy', async () => {
    const { status, output } = await doctor({ ...ports, PROVIDER: 'verify' }, ['--target', 'solution'])
    expect(output).toContain("✅ OK: The sandbox's Verify API works: sent a code and checked a wrong one (pending, as Twilio answers)")
    expect(output).not.toContain('Authy sandbox works')
    expect(status).toBe(0)
  })

  it('names a busy port and the variable that moves it', async () => {
    const { status, output } = await doctor({ ...ports, SANDBOX_PORT: String(busyPort) })
    expect(status).toBe(1)
    expect(output).toContain(
      `🚨 To fix: Port ${busyPort} for the Authy sandbox is not available (EADDRINUSE).`
    )
    expect(output).toContain('1 thing to fix first: the lines marked "🚨 To fix:" above.')
    expect(output).toContain(`SANDBOX_PORT=${busyPort + 10}`)
  })

  it('names a wrong setting and how to fix it', async () => {
    const { status, output } = await doctor({ ...ports, SECONDS_TO_EXPIRE: 'ten' })
    expect(status).toBe(1)
    expect(output).toContain('SECONDS_TO_EXPIRE must be')
  })

  it('prints no escape sequence with NO_COLOR, and each mark with its meaning in words', async () => {
    const { output } = await doctor({ ...ports, SANDBOX_PORT: String(busyPort), NO_COLOR: '1' })
    expect(output).not.toContain('\x1B')
    expect(markedLines(output)).toBeGreaterThan(3)
    expect(linesWithoutWords(output)).toEqual([])
  })

  it('makes one real call with a real-style key, and explains a key Authy refuses', async () => {
    const live = { ...ports, AUTHY_API_URL: sandbox.url }
    const good = await doctor({ ...live, AUTHY_API_KEY: 'doctor-test-key' })
    expect(good.status).toBe(0)
    expect(good.output).toContain('Authy answers: the key belongs to the application')
    const bad = await doctor({ ...live, AUTHY_API_KEY: 'wrong-key' })
    expect(bad.status).toBe(1)
    expect(bad.output).toContain('Check AUTHY_API_KEY')
  })
})
