// Helpers for the Verify API tests: the test account, the official client pointed at a test
// sandbox, raw requests to the Verify port, a Service made fresh for a test.
import { SANDBOX_ACCOUNT_SID } from '../../shared/sandbox/index.js'
import { createTwilioClient, isTwilioError, type TwilioClient } from '../../shared/twilio/client.js'
import { basicAuth, send, type RawAnswer, type TestSandbox } from './support.js'

/** The Verify account of test sandboxes started with `verify: TEST_VERIFY`. */
export const TEST_VERIFY = {
  accountSid: SANDBOX_ACCOUNT_SID,
  authToken: 'test-verify-token-7c2e9d1a4b',
}

/**
 * The official twilio client (unchanged, through shared/twilio/client.ts) pointed at a test
 * sandbox's Verify API, with the test account's credentials unless others are given.
 *
 * @example
 * const client = verifyClientOf(t())
 * await client.verify.v2.services.create({ friendlyName: 'Bank' })
 */
export function verifyClientOf(
  t: TestSandbox,
  credentials: Partial<Parameters<typeof createTwilioClient>[0]> = {}
): TwilioClient {
  return createTwilioClient({
    ...TEST_VERIFY,
    hosts: { verify: t.sandbox.verifyUrl },
    ...credentials,
  })
}

/**
 * A raw request to the Verify API (`path` from its root, `/v2/…`), with the test account's Basic
 * auth unless `headers` overrides it, and `form` sent url-encoded (a list repeats the field).
 *
 * @example
 * const answer = await rawVerify(t(), 'POST', '/v2/Services', { form: { FriendlyName: 'Bank' } })
 */
export function rawVerify(
  t: TestSandbox,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; form?: Record<string, string | string[]> } = {}
): Promise<RawAnswer> {
  if (!t.sandbox.verifyUrl) throw new Error('This test sandbox was started without verify')
  const form = new URLSearchParams()
  for (const [name, value] of Object.entries(init.form ?? {}))
    for (const one of [value].flat()) form.append(name, one)
  return send(method, `${t.sandbox.verifyUrl}${path}`, {
    headers: {
      authorization: basicAuth(TEST_VERIFY.accountSid, TEST_VERIFY.authToken),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...init.headers,
    },
    body: init.form ? form.toString() : undefined,
  })
}

/**
 * What a failed call threw: Twilio's answer as the client's RestException (anything else fails
 * the test).
 *
 * @example
 * expect(await refusal(client.verify.v2.services('VA…').fetch())).toMatchObject({ status: 404 })
 */
export async function refusal(
  call: Promise<unknown>
): Promise<{ status: number; code: number; message: string; moreInfo: string | undefined }> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught
  )
  if (!isTwilioError(error)) throw new Error(`Expected a RestException, got ${String(error)}`)
  return { status: error.status, code: error.code, message: error.message, moreInfo: error.moreInfo }
}

let identityCounter = 0

/**
 * A fresh identity, as an app would make one (a hash of its user id fits; any 8–64 dash-separated
 * letters and digits do).
 *
 * @example
 * nextIdentity() // 'user-0001-4b7e1c9a'
 */
export function nextIdentity(): string {
  identityCounter += 1
  return `user-${String(identityCounter).padStart(4, '0')}-${Math.random().toString(16).slice(2, 10)}`
}
