// A step 3 that gets `sleep` wrong must never take the whole app down: each case runs the bank
// as a real process with such a step (test/bank/fixtures/misbehaving) and checks that it keeps
// answering and still stops on Ctrl+C, freeing both ports.
import { afterEach, describe, expect, it } from 'vitest'
import { createSandboxControl, DEFAULT_SANDBOX_API_KEY } from '../../shared/sandbox/index.js'
import { removeDataDirs, tempDataDir, waitFor } from './support/bank-harness.js'
import {
  canListen,
  freePort,
  killBankProcesses,
  MISBEHAVING_APP,
  startBankProcess,
} from './support/bank-process.js'
import { httpTransport, Visitor } from './support/visitor.js'

afterEach(async () => {
  await killBankProcesses()
  removeDataDirs()
})

/** Starts the app with this step 3, registers, and sends one transfer to the phone. */
async function misbehavingApp(misbehave: string, env: Record<string, string> = {}) {
  const [port, sandboxPort, twilioPort, verifyPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  const bank = startBankProcess({
    entry: MISBEHAVING_APP,
    env: {
      MISBEHAVE: misbehave,
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_TWILIO_PORT: String(twilioPort),
      SANDBOX_VERIFY_PORT: String(verifyPort),
      DATA_DIR: tempDataDir(),
      POLL_INTERVAL_MS: '100',
      SANDBOX_API_KEY: DEFAULT_SANDBOX_API_KEY,
      ...env,
    },
  })
  await bank.ready
  const url = `http://127.0.0.1:${port}`
  const phone = createSandboxControl({
    url: `http://127.0.0.1:${sandboxPort}`,
    apiKey: DEFAULT_SANDBOX_API_KEY,
  })
  const visitor = new Visitor(url, httpTransport, phone)
  await visitor.register()
  const { transferId } = await visitor.sendTransfer()
  const [request] = await phone.approvalRequests()
  const pageSays = async (text: string) =>
    (await visitor.get(`/transfers/${transferId}`)).body.includes(text)
  return { bank, port, sandboxPort, twilioPort, verifyPort, url, phone, uuid: request!.uuid, pageSays }
}

/** Does the app still answer? (A frozen event loop never does: give up after 10 s.) */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) })
    return response.ok
  } catch {
    return false
  }
}

describe('a step 3 that forgets `await` before sleep', () => {
  it('does not crash the app when the loop ends with a sleep still running', async () => {
    const app = await misbehavingApp('forgets-await')
    await app.phone.approve(app.uuid)
    await waitFor(() => app.pageSays('Money transfer approved'), 'the approval')
    expect(await answers(app.url)).toBe(true)

    app.bank.child.kill('SIGINT')
    const run = await app.bank.exited
    expect(run.code).toBe(0)
    expect(run.output).not.toContain('WaitEndedError')
  })
})

describe('an unhandled rejection anywhere in the app', () => {
  it('is logged as one clear line, and the app keeps running', async () => {
    const app = await misbehavingApp('forgets-await', { STRAY_REJECTION: '1' })
    await app.bank.printed('a stray rejection nobody handles')
    expect(app.bank.output()).toMatch(
      /An unexpected error was not handled \(the bank keeps running\): a stray rejection nobody handles/
    )
    expect(await answers(app.url)).toBe(true)

    app.bank.child.kill('SIGINT')
    expect((await app.bank.exited).code).toBe(0)
  })
})

describe('a step 3 that catches the error sleep throws and loops again', () => {
  it('keeps the app responsive after the transfer is decided, and Ctrl+C still stops it', async () => {
    const app = await misbehavingApp('catches-all')
    await app.phone.deny(app.uuid)
    await waitFor(() => app.pageSays('Money transfer denied'), 'the denial')
    await app.bank.printed('step 3 calls sleep again')
    expect(await answers(app.url)).toBe(true)

    app.bank.child.kill('SIGINT')
    const run = await app.bank.exited
    expect(run.code).toBe(0)
    expect(run.output).toMatch(/Step 3 did not stop in time for transfer \S+/)
    expect(run.output).toContain(
      `Stopped. Ports ${app.port}, ${app.sandboxPort}, ${app.twilioPort} and ${app.verifyPort} are free.`
    )
    expect([await canListen(app.port), await canListen(app.sandboxPort)]).toEqual([true, true])
  })
})

describe('a step 3 that waits with its own timer and catches every error', () => {
  it('does not keep Ctrl+C from stopping the app and freeing both ports', async () => {
    const app = await misbehavingApp('own-timer')
    expect(await app.pageSays('Waiting for approval on your phone')).toBe(true)

    app.bank.child.kill('SIGINT')
    const run = await app.bank.exited
    expect(run.code).toBe(0)
    expect(run.output).toMatch(/Step 3 did not stop in time for transfer \S+/)
    expect([await canListen(app.port), await canListen(app.sandboxPort)]).toEqual([true, true])
  })
})
