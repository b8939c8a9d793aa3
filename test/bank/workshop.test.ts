import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findRegions } from '../../shared/steps/regions.js'
import {
  closeTestBanks,
  ROOT,
  SOLUTION_STEPS,
  startTestBank,
  statusPolls,
  stepFiles,
  transferById,
  waitFor,
  WORKSHOP_STEPS,
  type TestBank,
} from './support/bank-harness.js'

let bank: TestBank | undefined
afterEach(closeTestBanks)

function regionLine(step: number, file: string): number {
  const source = readFileSync(join(ROOT, 'workshop', 'steps', file), 'utf8')
  return findRegions(source).find((region) => region.step === step)!.startLine
}

describe('the untouched workshop starter', () => {
  it('answers a registration with the friendly "step 1 is not done yet" page, not a 500', async () => {
    bank = await startTestBank({ variant: 'workshop', steps: WORKSHOP_STEPS })
    const reply = await bank.visitor().register()
    expect(reply.status).toBe(501)
    expect(reply.body).toContain('Step 1 is not done yet: Register the user with Authy')
    expect(reply.body).toContain('workshop/steps/1-register-user.ts')
    expect(reply.body).toContain(`line ${regionLine(1, '1-register-user.ts')}`)
    expect(reply.body).toContain('npm run hint -- 1')
    expect(reply.body).toContain('npm run check')
    expect(reply.body).not.toMatch(/\bat .*\.ts:\d+:\d+/)
    expect(bank.logs.join('\n')).toContain(
      'POST /register: step 1 is not done yet (workshop/steps/1-register-user.ts:'
    )
  })

  it('does not point the sandbox at the app while step 4 is not done', async () => {
    bank = await startTestBank({ variant: 'workshop', steps: WORKSHOP_STEPS })
    expect(bank.callbacksOn).toBe(false)
    expect((await bank.sandbox!.control.app()).onetouch_callback_url).toBeNull()
  })

  it('says on /health that callbacks are off while step 4 is not done', async () => {
    bank = await startTestBank({ variant: 'workshop', steps: WORKSHOP_STEPS })
    const health = await bank.visitor().get('/health')
    expect(JSON.parse(health.body)).toEqual({
      ok: true,
      app: 'workshop',
      provider: 'authy',
      authy: 'sandbox',
      callbacks: false,
    })
  })
})

describe('a workshop with some steps done', () => {
  it('explains step 2 on a transfer, and keeps that transfer as failed', async () => {
    bank = await startTestBank({
      variant: 'workshop',
      steps: { ...SOLUTION_STEPS, sendApprovalRequest: WORKSHOP_STEPS.sendApprovalRequest },
    })
    const visitor = bank.visitor()
    expect((await visitor.register()).status).toBe(303)
    const reply = await visitor.sendTransfer()
    expect(reply.status).toBe(501)
    expect(reply.body).toContain('Step 2 is not done yet: Send the approval request')
    expect(reply.body).toContain(
      `workshop/steps/2-send-approval-request.ts</code>, line ${regionLine(2, '2-send-approval-request.ts')}`
    )
    const [transfer] = bank.store.transfersWithStatus('failed')
    expect(transfer?.problem?.missingStep).toBe(2)
    expect(await bank.sandbox!.control.approvalRequests()).toEqual([])
  })

  it('keeps the step 2 box on a transfer it failed only while step 2 is still not written', async () => {
    // A copy of the workshop's step file, so this test can write step 2.
    const rootDir = stepFiles({ 2: 'workshop' })
    const steps = join(rootDir, 'workshop', 'steps')
    const stepTwo = '2-send-approval-request.ts'
    bank = await startTestBank({
      variant: 'workshop',
      rootDir,
      steps: { ...SOLUTION_STEPS, sendApprovalRequest: WORKSHOP_STEPS.sendApprovalRequest },
    })
    const visitor = bank.visitor()
    await visitor.register()
    expect((await visitor.sendTransfer()).status).toBe(501)
    const [failed] = bank.store.transfersWithStatus('failed')
    const before = (await visitor.get(`/transfers/${failed!.id}`)).body
    expect(before).toContain('Money transfer failed')
    expect(before).toContain(
      'step 2 (send the approval request) was not written yet when this transfer was made'
    )
    expect(before).toContain('Step 2 is not done yet: Send the approval request')

    // The attendee writes step 2.
    copyFileSync(join(ROOT, 'solution', 'steps', stepTwo), join(steps, stepTwo))
    const after = (await visitor.get(`/transfers/${failed!.id}`)).body
    expect(after).toContain(
      'step 2 (send the approval request) was not written yet when this transfer was made'
    )
    expect(after).not.toContain('Step 2 is not done yet')
    expect(after).not.toContain('stepNotDone(2)')
  })

  it('explains step 3 on the transfer page, and the callback still brings the answer', async () => {
    bank = await startTestBank({
      variant: 'workshop',
      rootDir: stepFiles({ 3: 'workshop', 4: 'solution' }),
      steps: { ...SOLUTION_STEPS, waitForApproval: WORKSHOP_STEPS.waitForApproval },
    })
    expect(bank.callbacksOn).toBe(true)
    const visitor = bank.visitor()
    await visitor.register()
    const { transferId } = await visitor.sendTransfer()
    await waitFor(
      () => transferById(bank!, transferId!)!.problem?.missingStep === 3,
      'the missing step 3'
    )
    const page = await visitor.get(`/transfers/${transferId}`)
    expect(page.body).toContain('Step 3 is not done yet: Wait for the approval')
    expect(page.body).toContain('workshop/steps/3-wait-for-approval.ts')

    await bank.sandbox!.control.approve(transferById(bank, transferId!)!.approvalUuid!)
    await waitFor(() => transferById(bank!, transferId!)!.status === 'approved', 'the callback')
    expect(transferById(bank, transferId!)!.problem).toBeNull()
  })

  it('relies on polling while step 4 is not done', async () => {
    bank = await startTestBank({
      variant: 'workshop',
      steps: { ...SOLUTION_STEPS, receiveCallback: WORKSHOP_STEPS.receiveCallback },
    })
    expect(bank.callbacksOn).toBe(false)
    const visitor = bank.visitor()
    await visitor.register()
    const { transferId } = await visitor.sendTransfer()
    const uuid = transferById(bank, transferId!)!.approvalUuid!
    await bank.sandbox!.control.approve(uuid)
    await waitFor(
      () => transferById(bank!, transferId!)!.status === 'approved',
      'the approval by polling'
    )
    expect(await statusPolls(bank.sandbox!.control, uuid)).toBeGreaterThan(0)
    expect(await bank.sandbox!.control.callbacks()).toEqual([])
  })

  it('names the step, its file and the error when a step has a bug, without a stack trace', async () => {
    bank = await startTestBank({
      variant: 'workshop',
      steps: {
        ...SOLUTION_STEPS,
        // An attendee's step 1 with a typo in it.
        registerUser: async ({ authy, email, countryCode, phoneNumber }) => {
          const reply = await authy.registerUser({ email, cellphone: phoneNumber, countryCode })
          return (reply as unknown as { usr: { id: number } }).usr.id
        },
      },
    })
    const reply = await bank.visitor().register()
    expect(reply.status).toBe(500)
    expect(reply.body).toContain('Step 1 threw an error')
    expect(reply.body).toContain('workshop/steps/1-register-user.ts')
    expect(reply.body).toContain(
      'TypeError: Cannot read properties of undefined (reading &#39;id&#39;)'
    )
    expect(reply.body).not.toMatch(/\n\s+at /)
  })
})
