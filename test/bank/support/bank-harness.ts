// Starts real banks for tests: real HTTP on loopback port 0, the embedded sandbox, a temporary
// data directory, fast polling. Nothing here replaces the app's own code.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'
import type { Variant } from '../../../shared/bank/process/config.js'
import type { Environment } from '../../../shared/bank/process/env-file.js'
import {
  startBank,
  type RunningBank,
  type StartBankOptions,
} from '../../../shared/bank/process/start-bank.js'
import type { Transfer } from '../../../shared/model/transfer.js'
import { appTransport, httpTransport, Visitor } from './visitor.js'
import type { StepNumber, Steps } from '../../../shared/steps/contracts.js'
import { stepGuide } from '../../../shared/steps/guide.js'
import type { SandboxControl } from '../../../shared/sandbox/index.js'
import * as solutionRegister from '../../../solution/steps/1-register-user.js'
import * as solutionSend from '../../../solution/steps/2-send-approval-request.js'
import * as solutionWait from '../../../solution/steps/3-wait-for-approval.js'
import * as solutionCallback from '../../../solution/steps/4-receive-callback.js'
import * as workshopRegister from '../../../workshop/steps/1-register-user.js'
import * as workshopSend from '../../../workshop/steps/2-send-approval-request.js'
import * as workshopWait from '../../../workshop/steps/3-wait-for-approval.js'
import * as workshopCallback from '../../../workshop/steps/4-receive-callback.js'
import * as solutionSms from '../../../solution/steps/5-send-sms-code.js'
import * as solutionConfirm from '../../../solution/steps/6-confirm-phone.js'
import * as solutionSignIn from '../../../solution/steps/7-start-sign-in.js'
import * as solutionCode from '../../../solution/steps/8-check-sign-in-code.js'
import * as workshopSms from '../../../workshop/steps/5-send-sms-code.js'
import * as workshopConfirm from '../../../workshop/steps/6-confirm-phone.js'
import * as workshopSignIn from '../../../workshop/steps/7-start-sign-in.js'
import * as workshopCode from '../../../workshop/steps/8-check-sign-in-code.js'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export const SOLUTION_STEPS: Steps = {
  registerUser: solutionRegister.registerUser,
  sendApprovalRequest: solutionSend.sendApprovalRequest,
  waitForApproval: solutionWait.waitForApproval,
  receiveCallback: solutionCallback.receiveCallback,
  sendSmsCode: solutionSms.sendSmsCode,
  confirmPhone: solutionConfirm.confirmPhone,
  startSignIn: solutionSignIn.startSignIn,
  checkSignInCode: solutionCode.checkSignInCode,
}

export const WORKSHOP_STEPS: Steps = {
  registerUser: workshopRegister.registerUser,
  sendApprovalRequest: workshopSend.sendApprovalRequest,
  waitForApproval: workshopWait.waitForApproval,
  receiveCallback: workshopCallback.receiveCallback,
  sendSmsCode: workshopSms.sendSmsCode,
  confirmPhone: workshopConfirm.confirmPhone,
  startSignIn: workshopSignIn.startSignIn,
  checkSignInCode: workshopCode.checkSignInCode,
}

/** The sandbox's approval-request status path, as its request log records it. */
export const STATUS_POLLS = '/onetouch/json/approval_requests/*'

export interface TestBank extends RunningBank {
  /** Every line the bank (and its sandbox) logged. */
  logs: string[]
  dataDir: string
  /** A new browser for this bank: over HTTP, or through `app.request` for an in-process bank. */
  visitor(): Visitor
}

export interface TestBankOptions {
  steps?: Steps
  variant?: Variant
  /** Added to (and overriding) the test defaults. */
  env?: Environment
  /** Reuse a data directory (a restart); default a fresh temporary one. */
  dataDir?: string
  authyClient?: StartBankOptions['authyClient']
  watcher?: StartBankOptions['watcher']
  /** The repository root the bank reads its step files from. Default: this repository. */
  rootDir?: string
  /** No port for the bank: visitors go through `app.request`, and there are no callbacks. */
  inProcess?: boolean
  /** The bank's clock (the sandbox keeps the real one). */
  clock?: StartBankOptions['clock']
}

const dataDirs: string[] = []
const started: TestBank[] = []

/**
 * A fresh temporary data directory, removed by {@link removeDataDirs}.
 *
 * @example
 * const dir = tempDataDir()
 */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bank-test-'))
  dataDirs.push(dir)
  return dir
}

/**
 * A throw-away repository root whose `workshop/steps/` holds the chosen steps' files, each copied
 * from the starter (`workshop`) or the finished app (`solution`): what the bank reads to tell
 * which steps are written. Removed with the temporary data directories.
 *
 * @example
 * const rootDir = stepFiles({ 3: 'workshop', 4: 'solution' })
 */
export function stepFiles(from: Partial<Record<StepNumber, 'workshop' | 'solution'>>): string {
  const rootDir = tempDataDir()
  const steps = join(rootDir, 'workshop', 'steps')
  mkdirSync(steps, { recursive: true })
  for (const [step, app] of Object.entries(from)) {
    const file = basename(stepGuide(Number(step)).file)
    copyFileSync(join(ROOT, app, 'steps', file), join(steps, file))
  }
  return rootDir
}

/** Removes every directory {@link tempDataDir} made. */
export function removeDataDirs(): void {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/**
 * Starts a bank on free ports with its embedded sandbox, polling every 100 ms.
 *
 * @example
 * const bank = await startTestBank({ steps: SOLUTION_STEPS })
 * await bank.close()
 */
export async function startTestBank(options: TestBankOptions = {}): Promise<TestBank> {
  const dataDir = options.dataDir ?? tempDataDir()
  const logs: string[] = []
  const bank = await startBank({
    variant: options.variant ?? 'solution',
    rootDir: options.rootDir ?? ROOT,
    steps: options.steps ?? SOLUTION_STEPS,
    env: {
      PORT: '0',
      SANDBOX_PORT: '0',
      SANDBOX_TWILIO_PORT: '0',
      SANDBOX_VERIFY_PORT: '0',
      DATA_DIR: dataDir,
      POLL_INTERVAL_MS: '100',
      ...options.env,
    },
    log: (line) => logs.push(line),
    authyClient: { timeoutMs: 2000, retries: 0, ...options.authyClient },
    // Tests that do not look at the pace keep polling as configured once callbacks are confirmed.
    watcher: { expiryGraceMs: 300, maxBackoffMs: 1000, safetyNetPollMs: 100, ...options.watcher },
    inProcess: options.inProcess,
    clock: options.clock,
  })
  const transport = options.inProcess ? appTransport(bank.app) : httpTransport
  const testBank = Object.assign(bank, {
    logs,
    dataDir,
    visitor: () => new Visitor(bank.url, transport, bank.sandbox?.control),
  })
  started.push(testBank)
  return testBank
}

/**
 * Starts a bank before the tests of a file and closes it after them; the getter gives it.
 *
 * @example
 * const bank = useTestBank({ inProcess: true })
 * it('…', async () => { await bank().visitor().register() })
 */
export function useTestBank(options: TestBankOptions = {}): () => TestBank {
  let bank: TestBank | undefined
  beforeAll(async () => {
    bank = await startTestBank(options)
  })
  afterAll(closeTestBanks)
  return () => {
    if (!bank) throw new Error('The test bank did not start: see the error in beforeAll.')
    return bank
  }
}

/**
 * Closes every bank {@link startTestBank} started (closing twice is harmless) and removes the
 * temporary data directories: `afterEach(closeTestBanks)`.
 */
export async function closeTestBanks(): Promise<void> {
  for (const bank of started.splice(0)) await bank.close()
  removeDataDirs()
}

/**
 * Waits until `read` gives something truthy (checking every 20 ms), or fails after `timeoutMs`
 * saying what it was waiting for. For waiting only: no test asserts on how long it took.
 *
 * @example
 * const transfer = await waitFor(() => bank.store.findTransferByUuid(uuid)?.status === 'approved' || undefined, 'approval')
 */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * How many times the sandbox was asked for this approval request's status.
 *
 * @example
 * await statusPolls(bank.sandbox!.control, uuid) // 3
 */
export async function statusPolls(control: SandboxControl, uuid: string): Promise<number> {
  const requests = await control.requests(STATUS_POLLS)
  return requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/${uuid}`))
    .length
}

/**
 * How many status requests a transfer's loop made after it ended: waits for its watcher to
 * finish, then counts what the sandbox sees over the next six poll intervals (0 when it stopped).
 *
 * @example
 * expect(await pollsAfterTheEnd(bank, transfer.id, uuid)).toBe(0)
 */
export async function pollsAfterTheEnd(
  bank: TestBank,
  transferId: string,
  uuid: string,
  control: SandboxControl = bank.sandbox!.control
): Promise<number> {
  await waitFor(() => !bank.watcher.isWatching(transferId), 'the watcher to finish')
  const before = await statusPolls(control, uuid)
  await new Promise((resolve) => setTimeout(resolve, bank.config.pollIntervalMs * 6))
  return (await statusPolls(control, uuid)) - before
}

/**
 * The stored transfer with this id, whoever owns it (for assertions; the app always checks the owner).
 *
 * @example
 * transferById(bank, transferId)?.status // 'pending'
 */
export function transferById(bank: RunningBank, id: string): Transfer | undefined {
  return bank.store.findTransfer(id)
}
