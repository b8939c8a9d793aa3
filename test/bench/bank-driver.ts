// Learners of a bank under benchmark, over real HTTP: each signs up with a phone of their own
// (the code read from the sandbox's inbox), sends transfers and approves them on that phone.
import { createSandboxControl, type SandboxControl } from '../../shared/sandbox/index.js'
import { httpTransport, Visitor } from '../bank/support/visitor.js'

/** A bank under benchmark: where it is, and its sandbox, the learners' phones. */
export interface BenchBank {
  url: string
  control: SandboxControl
}

/** A learner signed up in that bank: their browser and their phone's Authy id. */
export interface Learner {
  visitor: Visitor
  authyId: number
  phoneUrl: string
}

/**
 * The bank at `url` with its sandbox at `sandboxUrl`, driven with its key.
 *
 * @example
 * const bank = benchBank({ url, sandboxUrl, sandboxKey })
 */
export function benchBank(info: { url: string; sandboxUrl: string; sandboxKey: string }): BenchBank {
  return {
    url: info.url,
    control: createSandboxControl({ url: info.sandboxUrl, apiKey: info.sandboxKey }),
  }
}

/**
 * Signs learner number `index` up (a phone of their own, the code typed from its inbox).
 *
 * @example
 * const ada = await signUp(bank, 0)
 */
export async function signUp(bank: BenchBank, index: number): Promise<Learner> {
  const visitor = new Visitor(bank.url, httpTransport, bank.control)
  const phone = `201555${String(1000 + index).padStart(4, '0')}`
  const reply = await visitor.register({ email: `learner${index}@example.com`, phone_number: phone })
  if (reply.location !== '/account') {
    throw new Error(`Learner ${index} could not sign up (HTTP ${reply.status}).`)
  }
  const user = await bank.control.findUser(1, phone)
  return { visitor, authyId: user.authy_id, phoneUrl: user.phone_url }
}

/**
 * Sends a transfer and waits for its approval request to reach the phone; gives both ids.
 *
 * @example
 * const { transferId, uuid } = await sendTransfer(bank, ada)
 */
export async function sendTransfer(
  bank: BenchBank,
  learner: Learner
): Promise<{ transferId: string; uuid: string }> {
  const { transferId, status } = await learner.visitor.sendTransfer()
  if (!transferId) throw new Error(`The transfer was not sent (HTTP ${status}).`)
  const uuid = await until(`the request of transfer ${transferId} on the phone`, async () => {
    const pending = await bank.control.approvalRequests(learner.authyId)
    return pending.find((request) => request.status === 'pending')?.uuid
  })
  return { transferId, uuid }
}

/**
 * Waits until the transfer's page shows it `status`, as the learner's browser reads it.
 *
 * @example
 * await untilShown(ada, transferId, 'approved')
 */
export async function untilShown(
  learner: Learner,
  transferId: string,
  status: string
): Promise<void> {
  await until(`transfer ${transferId} ${status}`, async () => {
    const page = await learner.visitor.get(`/transfers/${transferId}`)
    return page.body.includes(`data-status="${status}"`) || undefined
  })
}

/**
 * Checks `read` every 20 ms until it gives something, for at most `timeoutMs`.
 *
 * @example
 * await until('the page', () => found)
 */
export async function until<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 20_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
