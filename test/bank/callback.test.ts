import { request } from 'undici'
import { beforeAll, describe, expect, it } from 'vitest'
import { computeCallbackSignature, toQuery } from '../../shared/authy/index.js'
import {
  SOLUTION_STEPS,
  startTestBank,
  transferById,
  useTestBank,
} from './support/bank-harness.js'

// Polls a minute apart and no deliveries from the sandbox: only the callbacks sent here decide.
const bank = useTestBank({ env: { POLL_INTERVAL_MS: '60000' } })
beforeAll(() => bank().sandbox!.control.setCallback(null))

// A new user and phone each time: at most five transfers may wait for approval per phone.
let phones = 0
async function pendingTransfer() {
  const visitor = bank().visitor()
  await visitor.register({ phone_number: `555 200 ${String(++phones).padStart(4, '0')}` })
  const { transferId } = await visitor.sendTransfer()
  const transfer = transferById(bank(), transferId!)!
  return { id: transfer.id, uuid: transfer.approvalUuid! }
}

/** What Authy POSTs when the user decides (spec §3.2, trimmed). */
function callbackBody(uuid: string, status: string) {
  return {
    authy_id: 100001,
    device_uuid: 2102943,
    callback_action: 'approval_request_status',
    uuid,
    status,
    approval_request: {
      transaction: {
        details: { From: 'ada@example.com', To: 'bob@example.com' },
        message: 'Transfer money to bob@example.com',
        status,
        uuid,
        hidden_details: null,
      },
      logos: null,
    },
    signature: 'c2lnbmVkIGJ5IHRoZSBkZXZpY2U=',
  }
}

function sign(
  params: unknown,
  method: 'POST' | 'GET' = 'POST',
  nonce = String(Math.floor(Date.now() / 1000))
) {
  const signature = computeCallbackSignature({
    apiKey: bank().config.authy.apiKey,
    nonce,
    method,
    url: bank().callbackUrl!,
    params,
  })
  return { 'X-Authy-Signature': signature, 'X-Authy-Signature-Nonce': nonce }
}

async function post(body: string, headers: Record<string, string>) {
  const response = await request(bank().callbackUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  return { status: response.statusCode, text: await response.body.text() }
}

describe('POST /authy/callback', () => {
  it('accepts a genuine callback, stores its status and stops the poll loop', async () => {
    const { id, uuid } = await pendingTransfer()
    const body = callbackBody(uuid, 'denied')
    const reply = await post(JSON.stringify(body), sign(body))
    expect(reply).toEqual({ status: 200, text: 'OK' })
    expect(transferById(bank(), id)!.status).toBe('denied')
    expect(bank().watcher.isWatching(id)).toBe(false)
  })

  it('refuses a forged signature with 401, without echoing the body or changing anything', async () => {
    const { id, uuid } = await pendingTransfer()
    const body = callbackBody(uuid, 'approved')
    const reply = await post(JSON.stringify(body), {
      'X-Authy-Signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      'X-Authy-Signature-Nonce': String(Math.floor(Date.now() / 1000)),
    })
    expect(reply.status).toBe(401)
    expect(reply.text).not.toContain(uuid)
    expect(transferById(bank(), id)!.status).toBe('pending')
  })

  it.each([
    ['no signature headers', {}],
    ['an empty signature', { 'X-Authy-Signature': '', 'X-Authy-Signature-Nonce': '1700000000' }],
    [
      'a signature that is not base64 and too short',
      { 'X-Authy-Signature': '%%%', 'X-Authy-Signature-Nonce': '1' },
    ],
  ])('refuses a callback with %s with 401, not 500', async (_, headers) => {
    const { id, uuid } = await pendingTransfer()
    const reply = await post(JSON.stringify(callbackBody(uuid, 'approved')), headers)
    expect(reply.status).toBe(401)
    expect(transferById(bank(), id)!.status).toBe('pending')
  })

  it('refuses a callback changed after it was signed', async () => {
    const { id, uuid } = await pendingTransfer()
    const signed = callbackBody(uuid, 'denied')
    const tampered = { ...signed, status: 'approved' }
    const reply = await post(JSON.stringify(tampered), sign(signed))
    expect(reply.status).toBe(401)
    expect(transferById(bank(), id)!.status).toBe('pending')
  })

  it('refuses the same genuine callback a second time', async () => {
    const { id, uuid } = await pendingTransfer()
    const body = callbackBody(uuid, 'approved')
    const headers = sign(body)
    expect((await post(JSON.stringify(body), headers)).status).toBe(200)
    expect(transferById(bank(), id)!.status).toBe('approved')
    expect((await post(JSON.stringify(body), headers)).status).toBe(401)
    expect(transferById(bank(), id)!.status).toBe('approved')
  })

  it('refuses the same genuine callback sent again after a pause', async () => {
    const { uuid } = await pendingTransfer()
    const body = callbackBody(uuid, 'denied')
    const headers = sign(body)
    expect((await post(JSON.stringify(body), headers)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 2100))
    expect((await post(JSON.stringify(body), headers)).status).toBe(401)
  })

  it('refuses a genuine callback signed twenty minutes ago', async () => {
    const { id, uuid } = await pendingTransfer()
    const body = callbackBody(uuid, 'approved')
    const reply = await post(
      JSON.stringify(body),
      sign(body, 'POST', String(Math.floor(Date.now() / 1000) - 1200))
    )
    expect(reply.status).toBe(401)
    expect(transferById(bank(), id)!.status).toBe('pending')
  })

  it('never changes a decided transfer, even with a new genuine callback', async () => {
    const { id, uuid } = await pendingTransfer()
    const denied = callbackBody(uuid, 'denied')
    await post(JSON.stringify(denied), sign(denied))
    const approved = callbackBody(uuid, 'approved')
    await post(
      JSON.stringify(approved),
      sign(approved, 'POST', String(Math.floor(Date.now() / 1000) + 1))
    )
    expect(transferById(bank(), id)!.status).toBe('denied')
  })

  it('answers a genuine callback about an unknown request with 200 and creates nothing', async () => {
    const before = bank().store.transfersWithStatus('approved').length
    const body = callbackBody('00000000-0000-0000-0000-000000000000', 'approved')
    expect((await post(JSON.stringify(body), sign(body))).status).toBe(200)
    expect(bank().store.transfersWithStatus('approved')).toHaveLength(before)
  })

  it('answers a body that is not JSON with 400', async () => {
    const reply = await post('status=approved&uuid=x', {
      'X-Authy-Signature': 'x',
      'X-Authy-Signature-Nonce': '1',
    })
    expect(reply.status).toBe(400)
    expect(reply.text).not.toContain('status=approved')
  })

  it('is not blocked by the CSRF check: a form-encoded post without Origin reaches the body check', async () => {
    const response = await request(bank().callbackUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'uuid=x',
    })
    await response.body.dump()
    expect(response.statusCode).toBe(400)
  })
})

describe('a callback that is not a decision', () => {
  it('refuses a correctly signed "expired" callback with 400 and a log line, keeping the transfer waiting', async () => {
    const { id, uuid } = await pendingTransfer()
    const body = callbackBody(uuid, 'expired')
    const reply = await post(JSON.stringify(body), sign(body))
    expect(reply.status).toBe(400)
    expect(reply.text).toContain('approved or denied')
    expect(transferById(bank(), id)!.status).toBe('pending')
    expect(bank().logs.at(-1)).toBe(
      'Callback refused: its status is "expired", but Authy calls back only with approved or denied.'
    )
  })
})

describe('the log of callbacks', () => {
  const nonceIn = (seconds: number) => String(Math.floor(Date.now() / 1000) + seconds)

  it('says what each accepted callback changed, or that it changed nothing and why', async () => {
    const { id, uuid } = await pendingTransfer()
    const sent = (status: string, seconds: number) => {
      const body = callbackBody(uuid, status)
      return post(JSON.stringify(body), sign(body, 'POST', nonceIn(seconds)))
    }
    expect((await sent('pending', 0)).status).toBe(400)
    expect((await sent('approved', 1)).status).toBe(200)
    expect((await sent('denied', 2)).status).toBe(200)
    const unknown = callbackBody('11111111-1111-1111-1111-111111111111', 'approved')
    expect((await post(JSON.stringify(unknown), sign(unknown, 'POST', nonceIn(3)))).status).toBe(
      200
    )
    const lines = bank().logs.filter((line) => line.startsWith('Callback'))
    expect(lines.slice(-4)).toEqual([
      'Callback refused: its status is "pending", but Authy calls back only with approved or denied.',
      `Callback accepted for transfer ${id}: changed to approved.`,
      `Callback accepted for transfer ${id}: no change, it is already approved.`,
      'Callback accepted: no change, the approval request is not one of ours.',
    ])
    expect(transferById(bank(), id)!.status).toBe('approved')
  })

  it('names the step 4 file when step 4 throws', async () => {
    const buggy = await startTestBank({
      steps: {
        ...SOLUTION_STEPS,
        receiveCallback: async ({ callback }) => {
          const details = (callback.params as { approval_request: { details: { To: string } } })
            .approval_request.details
          if (details.To) return { accepted: true }
          return { accepted: false, reason: 'no recipient' }
        },
      },
    })
    const body = callbackBody('22222222-2222-2222-2222-222222222222', 'approved')
    const response = await request(buggy.callbackUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    await response.body.dump()
    expect(response.statusCode).toBe(500)
    expect(buggy.logs).toContainEqual(
      expect.stringMatching(
        /^Callback failed: step 4 failed in solution\/steps\/4-receive-callback\.ts: TypeError: Cannot read properties of undefined/
      )
    )
  })
})

describe('GET /authy/callback', () => {
  it('accepts a genuine callback sent as a query string', async () => {
    const { id, uuid } = await pendingTransfer()
    const params = {
      uuid,
      status: 'approved',
      authy_id: '100001',
      callback_action: 'approval_request_status',
    }
    const response = await request(`${bank().callbackUrl}?${toQuery(params)}`, {
      headers: sign(params, 'GET'),
    })
    expect(response.statusCode).toBe(200)
    await response.body.dump()
    expect(transferById(bank(), id)!.status).toBe('approved')
  })
})

describe('without a callback URL', () => {
  it('answers 404 with a hint when a real key is used without AUTHY_CALLBACK_URL', async () => {
    const live = await startTestBank({
      env: { AUTHY_API_KEY: bank().sandbox!.apiKey, AUTHY_API_URL: bank().sandbox!.url },
    })
    try {
      expect(live.callbackUrl).toBeUndefined()
      const response = await request(`${live.url}/authy/callback`, { method: 'POST', body: '{}' })
      expect(response.statusCode).toBe(404)
      expect(await response.body.text()).toContain('set AUTHY_CALLBACK_URL')
    } finally {
      await live.close()
    }
  })
})
