import { spawnSync } from 'node:child_process'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lanAddress } from '../../shared/runtime/hosts.js'
import { removeDataDirs, ROOT, tempDataDir } from './support/bank-harness.js'
import {
  canListen,
  freePort,
  killBankProcesses,
  STACK_LINE,
  startBankProcess,
  type Run,
} from './support/bank-process.js'

// When the tests run as root: ports below 1024 and folders without write permission are
// refused only to ordinary users, so those tests run the bank as `nobody`.
const ORDINARY_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}

// As root, `nobody` must be able to read this checkout (not so under /root, say): else skip.
const ordinaryUserCanRunTheBank =
  process.getuid?.() !== 0 ||
  spawnSync(process.execPath, ['--import', 'tsx', '-e', '0'], { cwd: ROOT, ...ORDINARY_USER })
    .status === 0
if (!ordinaryUserCanRunTheBank) {
  console.warn(
    'Skipping the tests that run the bank as an ordinary user: user nobody cannot read ' +
      `${ROOT}. Clone the repository somewhere every user can read to run them.`
  )
}

afterEach(async () => {
  await killBankProcesses()
  removeDataDirs()
})

/**
 * Runs `npm start`'s command with these variables until it exits: Ctrl+C once it is ready with
 * `interrupt`; as an ordinary user (not root) with `ordinaryUser`.
 */
async function runSolution(
  env: Record<string, string>,
  options: { interrupt?: boolean; ordinaryUser?: boolean } = {}
): Promise<Run> {
  const bank = startBankProcess({ env, spawn: options.ordinaryUser ? ORDINARY_USER : {} })
  if (options.interrupt) {
    await bank.ready
    bank.child.kill('SIGINT')
  }
  return bank.exited
}

describe('npm start', () => {
  it('stops on SIGINT with exit code 0, freeing its four ports', async () => {
    const [port, sandboxPort, twilioPort, verifyPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ]
    const run = await runSolution(
      {
        PORT: String(port),
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_TWILIO_PORT: String(twilioPort),
        SANDBOX_VERIFY_PORT: String(verifyPort),
        DATA_DIR: tempDataDir(),
      },
      { interrupt: true }
    )
    expect(run.code).toBe(0)
    expect(run.output).toContain(`Open the bank:  http://127.0.0.1:${port}`)
    expect(run.output).toContain(
      `Stopped. Ports ${port}, ${sandboxPort}, ${twilioPort} and ${verifyPort} are free.`
    )
    const ports = [port, sandboxPort, twilioPort, verifyPort]
    expect(await Promise.all(ports.map(canListen))).toEqual([true, true, true, true])
  })

  it('prints the whole banner once, with the data folder’s sandbox key, then one line per restart', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()]
    const dataDir = tempDataDir()
    const env = { PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: dataDir }
    // Both runs have this test's process as their parent, as tsx watch is for every restart.
    const first = await runSolution(env, { interrupt: true })
    const key = readFileSync(join(dataDir, 'sandbox-api-key'), 'utf8').trim()
    expect(first.output).toContain('OneTouch Bank (solution) is running.')
    expect(first.output).toContain(`Sandbox key:    ${key}`)
    const again = await runSolution(env, { interrupt: true })
    expect(again.output).not.toContain('OneTouch Bank (solution) is running.')
    expect(again.output).toContain(
      `Restarted with your changes: http://127.0.0.1:${port} (callbacks on and confirmed). Press Ctrl+C to stop.`
    )
  })

  it('prints its banner and its stop without an escape sequence when NO_COLOR is set', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()]
    const env = { PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: tempDataDir() }
    const run = await runSolution({ ...env, NO_COLOR: '1' }, { interrupt: true })
    expect(run.output).toContain('OneTouch Bank (solution) is running.')
    expect(run.output).not.toContain('\x1B')
  })

  it('says with PROVIDER=verify where Twilio Verify and its webhooks are', async () => {
    const run = await runSolution(
      { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: tempDataDir(), PROVIDER: 'verify' },
      { interrupt: true }
    )
    expect(run.code).toBe(0)
    expect(run.output).toMatch(
      /Twilio Verify: {2}http:\/\/127\.0\.0\.1:\d+ {2}\(the sandbox's, stands in for verify\.twilio\.com\)/
    )
    expect(run.output).toMatch(
      /Verify webhooks go to http:\/\/127\.0\.0\.1:\d+\/verify\/webhook; polling is the safety net\./
    )
    expect(run.output).toContain('The phone page stands in for an app with the Verify Push SDK.')
    expect(run.output).not.toContain('undefined')
    expect(run.output).not.toContain('OneTouch callbacks')
  })

  it('stops quietly on SIGTERM, as tsx watch sends on every save, freeing both ports', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()]
    const bank = startBankProcess({
      env: { PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: tempDataDir() },
    })
    await bank.ready
    bank.child.kill('SIGTERM')
    const run = await bank.exited
    expect(run.code).toBe(0)
    expect(run.output).not.toContain('stopping the bank')
    expect([await canListen(port), await canListen(sandboxPort)]).toEqual([true, true])
  })

  it('prints an address a browser can open when HOST is 0.0.0.0, not http://0.0.0.0', async () => {
    const port = await freePort()
    const run = await runSolution(
      { HOST: '0.0.0.0', PORT: String(port), SANDBOX_PORT: '0', DATA_DIR: tempDataDir() },
      { interrupt: true }
    )
    expect(run.code).toBe(0)
    expect(run.output).toContain(`Open the bank:  http://127.0.0.1:${port}`)
    expect(run.output).not.toContain('http://0.0.0.0')
    const lan = lanAddress()
    if (lan) expect(run.output).toContain(`http://${lan}:${port}  (from other devices`)
  })

  it('exits 1 with the busy-port message when its port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const run = await runSolution({
        PORT: String(port),
        SANDBOX_PORT: String(await freePort()),
        DATA_DIR: tempDataDir(),
      })
      expect(run.code).toBe(1)
      expect(run.output).toContain(`Port ${port} is already in use, so the bank app cannot start.`)
      expect(run.output).not.toMatch(STACK_LINE)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('exits 1 naming a wrong variable, with no stack trace', async () => {
    const run = await runSolution({ PORT: 'forty', DATA_DIR: tempDataDir() })
    expect(run.code).toBe(1)
    expect(run.output).toContain(
      'PORT must be a port number: a whole number from 1 to 65535, or 0 for any free port, e.g. PORT=4010'
    )
    expect(run.output).not.toMatch(STACK_LINE)
  })

  it('exits 1 naming an unusable data file, and leaves it alone', async () => {
    const dataDir = tempDataDir()
    writeFileSync(join(dataDir, 'bank.json'), 'not json')
    const run = await runSolution({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir })
    expect(run.code).toBe(1)
    expect(run.output).toContain(`The data file ${join(dataDir, 'bank.json')} cannot be used`)
    expect(run.output).not.toMatch(STACK_LINE)
    expect(readFileSync(join(dataDir, 'bank.json'), 'utf8')).toBe('not json')
  })
})

const lowPortsNeedRoot = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8')) > 80
  } catch {
    return process.platform !== 'win32'
  }
})()

describe('npm start with a setting the machine refuses', () => {
  it.each([
    ['HOST', 'The bank app'],
    ['SANDBOX_HOST', 'The Authy sandbox'],
  ])(
    'exits 1 with one clear message when %s is not an address of this machine',
    async (variable, name) => {
      // 192.0.2.1 is reserved for documentation: no machine has it.
      const run = await runSolution({
        PORT: '0',
        SANDBOX_PORT: '0',
        DATA_DIR: tempDataDir(),
        [variable]: '192.0.2.1',
      })
      expect(run.code).toBe(1)
      expect(run.output).toContain(`${name} cannot listen on 192.0.2.1`)
      expect(run.output).toContain(`Set ${variable} to 127.0.0.1`)
      expect(run.output).not.toContain('could not start')
      expect(run.output).not.toMatch(STACK_LINE)
    }
  )

  it.skipIf(!lowPortsNeedRoot || !ordinaryUserCanRunTheBank)(
    'exits 1 with one clear message when PORT is a port only administrators may use',
    async () => {
      const dataDir = tempDataDir()
      chmodSync(dataDir, 0o777)
      const run = await runSolution(
        { PORT: '80', SANDBOX_PORT: '0', DATA_DIR: dataDir },
        { ordinaryUser: true }
      )
      expect(run.code).toBe(1)
      expect(run.output).toContain('The bank app is not allowed to listen on port 80')
      expect(run.output).toContain('PORT=8080')
      expect(run.output).not.toMatch(STACK_LINE)
    }
  )

  it('exits 1 naming DATA_DIR when it is a file', async () => {
    const file = join(tempDataDir(), 'not-a-folder')
    writeFileSync(file, 'hello')
    const run = await runSolution({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: file })
    expect(run.code).toBe(1)
    expect(run.output).toContain(`The data folder ${file} cannot be used: it is a file`)
    expect(run.output).toContain('Set DATA_DIR to a folder')
    expect(run.output).not.toMatch(STACK_LINE)
    expect(readFileSync(file, 'utf8')).toBe('hello')
  })

  it('exits 1 naming DATA_DIR when it is inside a file', async () => {
    const file = join(tempDataDir(), 'not-a-folder')
    writeFileSync(file, 'hello')
    const run = await runSolution({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: join(file, 'data') })
    expect(run.code).toBe(1)
    expect(run.output).toContain(`The data folder ${join(file, 'data')} cannot be used`)
    expect(run.output).toContain('Set DATA_DIR to a folder')
    expect(run.output).not.toMatch(STACK_LINE)
  })

  it.skipIf(!ordinaryUserCanRunTheBank)(
    'exits 1 naming DATA_DIR when this user may not write to it',
    async () => {
      const dataDir = tempDataDir()
      chmodSync(dataDir, 0o555)
      const run = await runSolution(
        { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir },
        { ordinaryUser: true }
      )
      expect(run.code).toBe(1)
      expect(run.output).toContain(`The data folder ${dataDir} cannot be used`)
      expect(run.output).toContain('Set DATA_DIR to a folder this user can write to')
      expect(run.output).not.toMatch(STACK_LINE)
    }
  )
})

describe('two copies of the app on one data folder', () => {
  it('refuses to start the second, naming the folder, the first one and the fix', async () => {
    const dataDir = tempDataDir()
    const first = startBankProcess({ env: { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir } })
    await first.ready
    const second = startBankProcess({ env: { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir } })
    second.ready.then(
      () => second.child.kill('SIGINT'),
      () => undefined
    )
    const run = await second.exited
    expect(run.code).toBe(1)
    expect(run.output).toContain(`The data folder ${dataDir} is already in use`)
    expect(run.output).toContain(`process ${first.child.pid}`)
    expect(run.output).toMatch(
      /Stop the other copy .*, or give this one its own folder, e.g\. DATA_DIR=/
    )
    expect(run.output).not.toMatch(STACK_LINE)

    first.child.kill('SIGINT')
    expect((await first.exited).code).toBe(0)
  })
})
