import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { removeDataDirs, tempDataDir } from './support/bank-harness.js'
import {
  canListen,
  freePort,
  killBankProcesses,
  STACK_LINE,
  startBankProcess,
  type Run,
} from './support/bank-process.js'

afterEach(async () => {
  await killBankProcesses()
  removeDataDirs()
})

/** Runs `npm start`'s command with these variables until it exits; Ctrl+C once it is ready. */
async function runSolution(env: Record<string, string>, interrupt = false): Promise<Run> {
  const bank = startBankProcess({ env })
  if (interrupt) {
    await bank.ready
    bank.child.kill('SIGINT')
  }
  return bank.exited
}

describe('npm start', () => {
  it('stops on SIGINT with exit code 0, freeing both ports', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()]
    const run = await runSolution(
      { PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: tempDataDir() },
      true
    )
    expect(run.code).toBe(0)
    expect(run.output).toContain(`Open the bank:  http://127.0.0.1:${port}`)
    expect(run.output).toContain(`Stopped. Ports ${port} and ${sandboxPort} are free.`)
    expect([await canListen(port), await canListen(sandboxPort)]).toEqual([true, true])
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
      'PORT must be a port number from 1 to 65535 (0 picks any free port), e.g. PORT=4010'
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
