import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { removeDataDirs, ROOT, tempDataDir } from './support/bank-harness.js'

afterEach(removeDataDirs)

interface Run {
  code: number | null
  output: string
}

/** Runs `npm start`'s command with these variables; `whenReady` runs once the banner is out. */
function runSolution(env: Record<string, string>, whenReady?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'solution/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', ...env },
    })
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      if (whenReady && output.includes('Press Ctrl+C to stop.')) {
        const ready = whenReady
        whenReady = undefined
        ready(child.pid!)
      }
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('exit', (code) => resolve({ code, output }))
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function canListen(port: number): Promise<boolean> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

describe('npm start', () => {
  it('stops on SIGINT with exit code 0, freeing both ports', async () => {
    const [port, sandboxPort] = [await freePort(), await freePort()]
    const run = await runSolution(
      { PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: tempDataDir() },
      (pid) => process.kill(pid, 'SIGINT')
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
      expect(run.output).not.toMatch(/\n\s+at /)
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
    expect(run.output).not.toMatch(/\n\s+at /)
  })

  it('exits 1 naming an unusable data file, and leaves it alone', async () => {
    const dataDir = tempDataDir()
    writeFileSync(join(dataDir, 'bank.json'), 'not json')
    const run = await runSolution({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir })
    expect(run.code).toBe(1)
    expect(run.output).toContain(`The data file ${join(dataDir, 'bank.json')} cannot be used`)
    expect(run.output).not.toMatch(/\n\s+at /)
    expect(readFileSync(join(dataDir, 'bank.json'), 'utf8')).toBe('not json')
  })
})
