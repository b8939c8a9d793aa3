import { randomBytes } from 'node:crypto'
import { createAuthyClient } from '../authy/index.js'
import type { StepNumber } from '../steps/contracts.js'
import { createSandboxControl, startSandbox } from '../sandbox/index.js'
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
  const sandbox = await startSandbox({ apiKey, log: () => {} })
  const ctx: CheckContext = {
    target,
    apiKey,
    authy: createAuthyClient({ apiKey, baseUrl: sandbox.url, retries: 0, timeoutMs: 5000 }),
    control: createSandboxControl({ url: sandbox.url, apiKey }),
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
