import { setTimeout as delay } from 'node:timers/promises'
import { basename, dirname } from 'node:path'
import { Hono } from 'hono'
import { request } from 'undici'
import { computeCallbackSignature } from '../../authy/index.js'
import { createReplayGuard } from '../../bank/domain/replay-guard.js'
import { CALLBACK_PATH } from '../../bank/process/config.js'
import { callbackRoute } from '../../bank/routes/callback-route.js'
import type { CallbackVerdict, ReceiveCallbackStep } from '../../steps/contracts.js'
import { listen } from '../../runtime/serve.js'
import { CheckFailed, problemFromError, whereStepIs } from './problem.js'
import { expectThat, type CheckContext } from './context.js'
import { recordingStore, registeredUser, sentTransfer } from './fixtures.js'

const EXPECTED =
  'receiveCallback to accept a genuine callback from Authy and save its status, and to refuse ' +
  'one whose signature does not match or that was received before.'

interface Delivery {
  body: string
  headers: Record<string, string>
  verdict?: CallbackVerdict
  error?: unknown
}

/**
 * Step 4 passes when the attendee's `receiveCallback`, behind a real callback URL the sandbox
 * calls: accepts the signed callback the sandbox sends on approval and saves its status; refuses
 * the same callback with its body changed, or without a signature; and refuses it replayed.
 *
 * @example
 * await checkReceiveCallback(ctx, receiveCallback)
 */
export async function checkReceiveCallback(
  ctx: CheckContext,
  receiveCallback: ReceiveCallbackStep
): Promise<void> {
  const where = whereStepIs(ctx.target, 4)
  const transfers = recordingStore()
  const replays = createReplayGuard()
  const deliveries: Delivery[] = []

  // The bank's own callback route, serving the attendee's step 4. It needs its URL, so the
  // server starts first and the route is bound to it once the port is known.
  let handle: (request: Request) => Response | Promise<Response> = () => new Response(null)
  const server = await listen({
    fetch: (request) => handle(request),
    port: 0,
    host: '127.0.0.1',
    name: 'the check',
    portVariable: 'PORT',
  })
  const callbackUrl = `${server.url}${CALLBACK_PATH}`
  const receiver = new Hono()
  receiver.use(CALLBACK_PATH, async (c, next) => {
    const body = c.req.method === 'GET' ? '' : await c.req.raw.clone().text()
    deliveries.push({ body, headers: Object.fromEntries(c.req.raw.headers) })
    await next()
  })
  receiver.route(
    '/',
    callbackRoute({
      app: { rootDir: dirname(ctx.target.dir), variant: basename(ctx.target.dir) },
      apiKey: ctx.apiKey,
      callbackUrl,
      // The attendee's step, with what it answered kept for the explanation.
      receiveCallback: async (input) => {
        const delivery = deliveries.at(-1)!
        try {
          delivery.verdict = await receiveCallback(input)
          return delivery.verdict
        } catch (error) {
          delivery.error = error
          throw error
        }
      },
      replays,
      store: transfers,
      log: () => {},
    })
  )
  handle = (request) => receiver.fetch(request)

  try {
    await ctx.control.setCallback(callbackUrl, 'POST')
    const user = await registeredUser(ctx)
    const transfer = await sentTransfer(ctx, user)
    await ctx.control.approve(transfer.approvalUuid)
    const genuine = await firstDelivery(deliveries)

    if (genuine.error !== undefined)
      throw new CheckFailed(problemFromError(ctx.target, 4, genuine.error, EXPECTED))
    expectThat(genuine.verdict?.accepted, {
      expected: EXPECTED,
      happened: `A genuine callback, signed by the sandbox with your API key, was refused: "${refusal(genuine.verdict)}".`,
      next: `Check the signature with \`verifyCallbackSignature({ apiKey, url: callbackUrl, method, params, nonce, signature })\` using the callback's own values, in ${where}.`,
    })
    expectThat(
      transfers.saved.some(
        (s) => s.approvalUuid === transfer.approvalUuid && s.status === 'approved'
      ),
      {
        expected: EXPECTED,
        happened: 'The genuine callback was accepted, but its status was not saved.',
        next: `Call \`await transfers.saveStatus(callback.uuid, callback.status)\` before accepting, in ${where}.`,
      }
    )

    const savedBefore = transfers.saved.length
    const tampered = genuine.body.replaceAll('"approved"', '"denied"')
    const forgeries: [string, string, Record<string, string>][] = [
      ['the genuine one with its status changed to denied', tampered, genuine.headers],
      [
        'a new one signed with the wrong key',
        tampered,
        forgedHeaders(genuine.headers, tampered, callbackUrl),
      ],
      [
        'one without any signature',
        tampered,
        withoutSignature(forgedHeaders(genuine.headers, tampered, callbackUrl)),
      ],
    ]
    for (const [what, body, headers] of forgeries) {
      const verdict = await send(ctx, callbackUrl, body, headers, deliveries)
      expectThat(!verdict.accepted && transfers.saved.length === savedBefore, {
        expected: EXPECTED,
        happened: `A forged callback (${what}) was ${verdict.accepted ? 'accepted' : 'refused, but a status was saved anyway'}.`,
        next: `Refuse the callback unless verifyCallbackSignature(...) returns true, before saving anything, in ${where}.`,
      })
    }

    const replayed = await send(ctx, callbackUrl, genuine.body, genuine.headers, deliveries)
    expectThat(!replayed.accepted && transfers.saved.length === savedBefore, {
      expected: EXPECTED,
      happened: 'The genuine callback, sent a second time, was accepted again.',
      next: `Refuse it when \`replays.isReplay(callback)\` is true, in ${where}.`,
    })

    // The order of the checks: a forged copy sent first must not use up a genuine callback's
    // nonce, which happens when the step remembers a callback before checking its signature.
    const another = await sentTransfer(ctx, user)
    const fresh = signedCopy(genuine.body, transfer.approvalUuid, another.approvalUuid, ctx, callbackUrl)
    const forgedFirst = fresh.body.replaceAll('"approved"', '"denied"')
    await send(ctx, callbackUrl, forgedFirst, { ...genuine.headers, ...fresh.headers }, deliveries)
    const afterForgery = await send(
      ctx,
      callbackUrl,
      fresh.body,
      { ...genuine.headers, ...fresh.headers },
      deliveries
    )
    expectThat(afterForgery.accepted, {
      expected: EXPECTED,
      happened:
        'A genuine callback was refused as a replay, because a forged copy with the same nonce ' +
        'and signature arrived just before it: the step remembered the forgery as seen before ' +
        'checking its signature. Anyone could then block every real approval.',
      next: `Check the signature first, and call \`replays.isReplay(callback)\` only once it is right, in ${where}.`,
    })
  } finally {
    await ctx.control.setCallback(null, 'POST').catch(() => {})
    await server.close()
  }
}

async function firstDelivery(deliveries: Delivery[]): Promise<Delivery> {
  for (let waited = 0; waited < 5000 && deliveries.length === 0; waited += 50) await delay(50)
  const first = deliveries[0]
  if (!first) {
    throw new CheckFailed({
      expected: EXPECTED,
      happened:
        'The sandbox approved the request but no callback arrived (this is a problem with the checker, not your code).',
      next: 'Run `npm run check` again; if it persists, report it to the workshop presenter.',
    })
  }
  while (first.verdict === undefined && first.error === undefined) await delay(20)
  return first
}

async function send(
  ctx: CheckContext,
  url: string,
  body: string,
  headers: Record<string, string>,
  deliveries: Delivery[]
): Promise<CallbackVerdict> {
  const sent = deliveries.length
  const { body: answer } = await request(url, {
    method: 'POST',
    body,
    headers: { ...withoutHopHeaders(headers), 'content-length': String(Buffer.byteLength(body)) },
  })
  await answer.dump()
  const delivery = deliveries[sent]
  if (delivery?.error !== undefined)
    throw new CheckFailed(problemFromError(ctx.target, 4, delivery.error, EXPECTED))
  return delivery?.verdict ?? { accepted: false, reason: 'no verdict' }
}

// A genuine callback for another approval request: the same body with its uuid, signed now with
// the app's own key, as Authy would.
function signedCopy(
  body: string,
  uuid: string,
  otherUuid: string,
  ctx: CheckContext,
  url: string
): { body: string; headers: Record<string, string> } {
  const copy = body.replaceAll(uuid, otherUuid)
  const nonce = String(Math.floor(Date.now() / 1000))
  const signature = computeCallbackSignature({
    apiKey: ctx.apiKey,
    nonce,
    method: 'POST',
    url,
    params: JSON.parse(copy),
  })
  return {
    body: copy,
    headers: { 'x-authy-signature-nonce': nonce, 'x-authy-signature': signature },
  }
}

// What an attacker can make: a fresh nonce, and a signature of the right form made with a key
// that is not the app's.
function forgedHeaders(
  headers: Record<string, string>,
  body: string,
  url: string
): Record<string, string> {
  const nonce = String(Math.floor(Date.now() / 1000))
  const signature = computeCallbackSignature({
    apiKey: 'not-the-real-key',
    nonce,
    method: 'POST',
    url,
    params: JSON.parse(body),
  })
  return { ...headers, 'x-authy-signature-nonce': nonce, 'x-authy-signature': signature }
}

function withoutSignature(headers: Record<string, string>): Record<string, string> {
  const { 'x-authy-signature': _, ...rest } = headers
  return rest
}

function withoutHopHeaders(headers: Record<string, string>): Record<string, string> {
  const {
    host: _host,
    connection: _connection,
    'content-length': _length,
    'transfer-encoding': _te,
    ...rest
  } = headers
  return rest
}

function refusal(verdict: CallbackVerdict | undefined): string {
  return verdict && !verdict.accepted ? verdict.reason : 'no reason given'
}
