import { describe, expect, it } from 'vitest'
import { runChecks, type CheckResult } from '../../shared/kit/run-checks.js'
import { makeTarget } from './make-target.js'

// The step checker judges behaviour: each common mistake fails its step with a message that says
// what happened and what to do, while the other steps still pass.

async function resultsFor(bodies: Record<number, string[]>): Promise<CheckResult[]> {
  return runChecks(makeTarget(bodies))
}

function only(results: CheckResult[], step: number): CheckResult {
  const others = results.filter((result) => result.step !== step)
  expect(
    others.every((result) => result.passed),
    JSON.stringify(others)
  ).toBe(true)
  const result = results.find((candidate) => candidate.step === step)!
  expect(result.passed).toBe(false)
  return result
}

describe('the step checker', () => {
  it('fails step 1 when the step returns something other than the Authy id', async () => {
    const results = await resultsFor({
      1: [
        '  const reply = await authy.registerUser({ email, cellphone: phoneNumber, countryCode })',
        '  return Number(reply.message.length)',
      ],
    })
    expect(only(results, 1).problem?.next).toContain('reply.user.id')
  })

  it('fails step 1 when Authy is never called', async () => {
    const results = await resultsFor({ 1: ['  return 12345'] })
    expect(only(results, 1).problem?.happened).toContain('exists in the sandbox')
  })

  it('fails step 2 when secondsToExpire is left out', async () => {
    const results = await resultsFor({
      2: [
        '  const reply = await authy.createApprovalRequest({',
        '    authyId: user.authyId,',
        '    message: `Transfer money to ${transfer.recipientEmail}`,',
        '    details: { From: user.email, To: transfer.recipientEmail,',
        "      'Account Number': transfer.accountNumber, 'US Dollar Amount': formatDollars(transfer.amountCents) },",
        '  })',
        '  return reply.approval_request.uuid',
      ],
    })
    const problem = only(results, 2).problem!
    expect(problem.happened).toContain('86400')
    expect(problem.next).toContain('secondsToExpire')
  })

  it('fails step 2 when a detail is missing, naming it', async () => {
    const results = await resultsFor({
      2: [
        '  const reply = await authy.createApprovalRequest({',
        '    authyId: user.authyId, message: `Transfer money to ${transfer.recipientEmail}`,',
        "    details: { From: user.email, To: transfer.recipientEmail, 'US Dollar Amount': formatDollars(transfer.amountCents) },",
        '    secondsToExpire,',
        '  })',
        '  return reply.approval_request.uuid',
      ],
    })
    expect(only(results, 2).problem?.happened).toContain('"Account Number" was missing')
  })

  it('fails step 2 when the request is sent twice', async () => {
    const send = [
      '  await authy.createApprovalRequest({ authyId: user.authyId, message: `Transfer money to ${transfer.recipientEmail}`,',
      "    details: { From: user.email, To: transfer.recipientEmail, 'Account Number': transfer.accountNumber,",
      "      'US Dollar Amount': formatDollars(transfer.amountCents) }, secondsToExpire })",
    ]
    const results = await resultsFor({
      2: [
        ...send,
        '  const reply =' +
          send
            .join('\n')
            .trimStart()
            .slice('await'.length - 5),
        '  return reply.approval_request.uuid',
      ],
    })
    expect(only(results, 2).problem?.happened).toContain('2 approval requests')
  })

  it('fails step 3 when the loop does not pause between polls', async () => {
    const results = await resultsFor({
      3: [
        "  let status: ApprovalStatus = 'pending'",
        "  while (status === 'pending') {",
        '    const reply = await authy.getApprovalRequest({ uuid: transfer.approvalUuid })',
        '    status = reply.approval_request.status',
        '  }',
        '  await transfers.saveStatus(transfer.approvalUuid, status)',
      ],
    })
    expect(only(results, 3).problem?.next).toContain('sleep(pollIntervalMs)')
  })

  it('fails step 3 when the loop only stops on approved or denied, as the 2016 workshop did', async () => {
    const results = await resultsFor({
      3: [
        "  let status: string = 'pending'",
        "  while (status !== 'approved' && status !== 'denied') {",
        '    await sleep(pollIntervalMs)',
        '    const reply = await authy.getApprovalRequest({ uuid: transfer.approvalUuid })',
        '    status = reply.approval_request.status',
        '  }',
        '  await transfers.saveStatus(transfer.approvalUuid, status)',
      ],
    })
    const problem = only(results, 3).problem!
    expect(problem.happened).toContain('expired')
    expect(problem.happened).toContain('still running')
  })

  it('fails step 3 when polling goes on after the loop has returned', async () => {
    const results = await resultsFor({
      3: [
        '  const reply = await authy.getApprovalRequest({ uuid: transfer.approvalUuid })',
        '  const timer = setInterval(() => { authy.getApprovalRequest({ uuid: transfer.approvalUuid }).catch(() => {}) }, 50)',
        '  setTimeout(() => clearInterval(timer), 30_000).unref()',
        '  let status: ApprovalStatus = reply.approval_request.status',
        "  while (status === 'pending') {",
        '    await sleep(pollIntervalMs)',
        '    status = (await authy.getApprovalRequest({ uuid: transfer.approvalUuid })).approval_request.status',
        '  }',
        '  await transfers.saveStatus(transfer.approvalUuid, status)',
      ],
    })
    expect(only(results, 3).problem?.happened).toMatch(/more times afterwards|does not pause/)
  })

  it('fails step 3 when the status is never saved', async () => {
    const results = await resultsFor({
      3: [
        "  let status: ApprovalStatus = 'pending'",
        "  while (status === 'pending') {",
        '    await sleep(pollIntervalMs)',
        '    status = (await authy.getApprovalRequest({ uuid: transfer.approvalUuid })).approval_request.status',
        '  }',
      ],
    })
    expect(only(results, 3).problem?.next).toContain('transfers.saveStatus')
  })

  it('fails step 4 when the signature is not checked', async () => {
    const results = await resultsFor({
      4: [
        "  if (replays.isReplay(callback)) return { accepted: false, reason: 'replayed' }",
        '  await transfers.saveStatus(callback.uuid, callback.status)',
        '  return { accepted: true }',
      ],
    })
    expect(only(results, 4).problem?.happened).toContain('forged callback')
  })

  it('fails step 4 when replays are not refused', async () => {
    const results = await resultsFor({
      4: [
        '  const genuine = verifyCallbackSignature({ apiKey, url: callbackUrl, method: callback.method,',
        '    params: callback.params, nonce: callback.nonce, signature: callback.signature })',
        "  if (!genuine) return { accepted: false, reason: 'bad signature' }",
        '  await transfers.saveStatus(callback.uuid, callback.status)',
        '  return { accepted: true }',
      ],
    })
    expect(only(results, 4).problem?.next).toContain('replays.isReplay')
  })

  it('fails step 4 when it checks for a replay before the signature, and says why that matters', async () => {
    const results = await resultsFor({
      4: [
        "  if (replays.isReplay(callback)) return { accepted: false, reason: 'replayed' }",
        '  const genuine = verifyCallbackSignature({ apiKey, url: callbackUrl, method: callback.method,',
        '    params: callback.params, nonce: callback.nonce, signature: callback.signature })',
        "  if (!genuine) return { accepted: false, reason: 'bad signature' }",
        '  await transfers.saveStatus(callback.uuid, callback.status)',
        '  return { accepted: true }',
      ],
    })
    const problem = only(results, 4).problem!
    expect(problem.happened).toContain('before checking its signature')
    expect(problem.next).toContain('Check the signature first')
  })

  it('fails step 4 when the URL used for the signature is not the callback URL', async () => {
    const results = await resultsFor({
      4: [
        "  const genuine = verifyCallbackSignature({ apiKey, url: 'http://localhost/authy/callback', method: callback.method,",
        '    params: callback.params, nonce: callback.nonce, signature: callback.signature })',
        "  if (!genuine) return { accepted: false, reason: 'The signature does not match.' }",
        "  if (replays.isReplay(callback)) return { accepted: false, reason: 'replayed' }",
        '  await transfers.saveStatus(callback.uuid, callback.status)',
        '  return { accepted: true }',
      ],
    })
    expect(only(results, 4).problem?.happened).toContain('genuine callback')
  })

  it('explains a step file that does not compile, naming its line', async () => {
    const results = await resultsFor({
      1: ['  const reply = await authy.registerUser({ email,,, })'],
    })
    const problem = only(results, 1).problem!
    expect(problem.happened).toContain('1-register-user.ts')
    expect(problem.next).toContain('1-register-user.ts')
  })

  it('explains a step that throws, with the line it threw at', async () => {
    const results = await resultsFor({
      1: ['  const user = undefined as unknown as { id: number }', '  return user.id'],
    })
    const problem = only(results, 1).problem!
    expect(problem.happened).toMatch(/TypeError: .*\(at line \d+\)/)
  })
})

describe('the checker on module 2', () => {
  it('fails step 5 when the SMS is not forced, saying the app user got nothing', async () => {
    const results = await resultsFor({
      5: ['  await authy.requestSms({ authyId: user.authyId })'],
    })
    const problem = only(results, 5).problem!
    expect(problem.happened).toContain('answered "ignored" and sent nothing')
    expect(problem.next).toContain('force: true')
  })

  it('fails step 6 when a wrong code is swallowed', async () => {
    const results = await resultsFor({
      6: [
        '  try {',
        '    await authy.verifyToken({ authyId: user.authyId, token: code, force: true })',
        '  } catch {',
        '    return',
        '  }',
        "  await twilio.messages.create({ to: phoneE164(user), from, body: 'You did it! Signup complete :)' })",
      ],
    })
    expect(only(results, 6).problem?.happened).toContain('The wrong code')
  })

  it('fails step 6 when the confirmation text is never sent', async () => {
    const results = await resultsFor({
      6: ['  await authy.verifyToken({ authyId: user.authyId, token: code, force: true })'],
    })
    const problem = only(results, 6).problem!
    expect(problem.happened).toContain('no text reached')
    expect(problem.next).toContain('twilio.messages.create')
  })

  it('fails step 7 when the sign-in request keeps the default expiry', async () => {
    const results = await resultsFor({
      7: [
        '  const reply = await authy.createApprovalRequest({',
        '    authyId: user.authyId,',
        "    message: 'Request to sign in to OneTouch Bank',",
        "    details: { Email: user.email, 'IP Address': browser.ip, Browser: browser.userAgent, Time: browser.at },",
        '  })',
        '  return reply.approval_request.uuid',
      ],
    })
    expect(only(results, 7).problem?.happened).toContain('a sign-in must not wait long')
  })

  it('fails step 8 when any code is taken', async () => {
    const results = await resultsFor({ 8: ['  return'] })
    expect(only(results, 8).problem?.happened).toContain('The wrong code 0000000 was taken')
  })
})
