import { randomBytes } from 'node:crypto'
import { createAuthyClient } from '../authy/index.js'
import type { StepNumber } from '../steps/contracts.js'
import { createSandboxControl, startSandbox } from '../sandbox/index.js'
import { SANDBOX_ACCOUNT_SID, SANDBOX_FROM_NUMBER } from '../sandbox/twilio-account.js'
import { createTwilioClient } from '../twilio/client.js'
import { checkCheckSignInCode } from './checks/check-check-sign-in-code.js'
import { checkConfirmPhone } from './checks/check-confirm-phone.js'
import { checkSendSmsCode } from './checks/check-send-sms-code.js'
import { checkStartSignIn } from './checks/check-start-sign-in.js'
import { checkReceiveCallback } from './checks/check-receive-callback.js'
import { checkRegisterUser } from './checks/check-register-user.js'
import { checkSendApprovalRequest } from './checks/check-send-approval-request.js'
import { checkWaitForApproval } from './checks/check-wait-for-approval.js'
import type { CheckContext } from './checks/context.js'
import { CheckFailed, whereStepIs, type CheckProblem } from './checks/problem.js'
import { STEP_GUIDES } from '../steps/guide.js'
import { loadStep, type Target } from './target.js'

export interface CheckResult {
  step: StepNumber
  title: string
  passed: boolean
  problem?: CheckProblem
}

const CHECKS: { [N in StepNumber]: (ctx: CheckContext, target: Target) => Promise<void> } = {
  1: async (ctx, target) => checkRegisterUser(ctx, await loadStep(target, 1)),
  2: async (ctx, target) => checkSendApprovalRequest(ctx, await loadStep(target, 2)),
  3: async (ctx, target) => checkWaitForApproval(ctx, await loadStep(target, 3)),
  4: async (ctx, target) => checkReceiveCallback(ctx, await loadStep(target, 4)),
  5: async (ctx, target) => checkSendSmsCode(ctx, await loadStep(target, 5)),
  6: async (ctx, target) => checkConfirmPhone(ctx, await loadStep(target, 6)),
  7: async (ctx, target) => checkStartSignIn(ctx, await loadStep(target, 7)),
  8: async (ctx, target) => checkCheckSignInCode(ctx, await loadStep(target, 8)),
}

/**
 * Checks each step of a target (the starter or the solution) against a fresh, private sandbox,
 * step by step and independently: a missing step 1 does not hide a finished step 2.
 *
 * @example
 * const results = await runChecks(resolveTarget('workshop'))
 * results.every((result) => result.passed)
 */
export async function runChecks(target: Target): Promise<CheckResult[]> {
  const apiKey = `check-${randomBytes(12).toString('hex')}`
  const authToken = randomBytes(16).toString('hex')
  const sandbox = await startSandbox({
    apiKey,
    twilio: { port: 0, accountSid: SANDBOX_ACCOUNT_SID, authToken },
    log: () => {},
  })
  const ctx: CheckContext = {
    target,
    apiKey,
    authy: createAuthyClient({ apiKey, baseUrl: sandbox.url, retries: 0, timeoutMs: 5000 }),
    control: createSandboxControl({ url: sandbox.url, apiKey }),
    twilio: createTwilioClient({
      accountSid: SANDBOX_ACCOUNT_SID,
      authToken,
      hosts: { api: sandbox.twilioUrl },
    }),
    twilioFrom: SANDBOX_FROM_NUMBER,
  }
  const results: CheckResult[] = []
  try {
    for (const guide of STEP_GUIDES) {
      const problem = await problemOf(ctx, target, guide.step)
      results.push({ step: guide.step, title: guide.title, passed: !problem, problem })
    }
  } finally {
    await sandbox.close()
  }
  return results
}

async function problemOf(
  ctx: CheckContext,
  target: Target,
  step: StepNumber
): Promise<CheckProblem | undefined> {
  try {
    await CHECKS[step](ctx, target)
    return undefined
  } catch (error) {
    if (error instanceof CheckFailed) return error.problem
    return {
      expected: `${target.shownPath(step)} to load and run.`,
      happened: `It could not be loaded or run: ${error instanceof Error ? error.message : String(error)}`,
      next: `Fix the error in ${whereStepIs(target, step)}; the message above names the line.`,
    }
  }
}
