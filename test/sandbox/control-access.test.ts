import { describe, expect, it } from 'vitest'
import { isLoopbackAddress, lanAddress } from '../../shared/runtime/hosts.js'
import { createApproval, registerUser, send, startTestSandbox, TEST_KEY } from './support.js'

const KEY = { 'x-authy-api-key': TEST_KEY }
const lan = lanAddress()

describe('who may use the sandbox control API', () => {
  it.skipIf(!lan)(
    'refuses another computer with 403 when the sandbox listens on every address, and keeps the phone pages and the Authy API open',
    async () => {
      const t = await startTestSandbox({ host: '0.0.0.0' })
      try {
        // This machine's network address is what a phone in the room would come from.
        const fromTheRoom = `http://${lan}:${t.sandbox.port}`
        const { id } = await registerUser(t)
        const uuid = await createApproval(t, id, { message: 'Transfer $9,000 to mallory' })

        for (const [method, path] of [
          ['GET', `/sandbox/users/${id}`],
          ['GET', '/sandbox/approval_requests'],
          ['POST', `/sandbox/approval_requests/${uuid}/approve`],
          ['PUT', '/sandbox/app'],
          ['POST', '/sandbox/faults'],
        ]) {
          const refused = await send(method, `${fromTheRoom}${path}`, { headers: KEY })
          expect(refused.status, `${method} ${path}`).toBe(403)
          expect(refused.json).toMatchObject({ success: false, error_code: '60000' })
          expect(refused.json.message).toContain('only answers on this computer')
        }
        expect((await t.control.approvalRequest(uuid)).status).toBe('pending')

        const user = await t.control.user(id)
        const page = await send('GET', `${fromTheRoom}${new URL(user.phone_url).pathname}`)
        expect(page.status).toBe(200)
        const status = await send('GET', `${fromTheRoom}/onetouch/json/approval_requests/${uuid}`, {
          headers: KEY,
        })
        expect(status.json.approval_request.status).toBe('pending')
      } finally {
        await t.sandbox.close()
      }
    }
  )

  it.skipIf(!lan)(
    'answers this computer when the sandbox listens on one network address only',
    async () => {
      const t = await startTestSandbox({ host: lan })
      try {
        expect(t.sandbox.url).toBe(`http://${lan}:${t.sandbox.port}`)
        expect((await t.control.app()).name).toBe('Sandbox App')
      } finally {
        await t.sandbox.close()
      }
    }
  )

  it('knows loopback addresses, plain and mapped into IPv6', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(address), address).toBe(true)
    for (const address of ['192.168.1.20', '::ffff:192.168.1.20', '10.0.0.127', 'fe80::1', ''])
      expect(isLoopbackAddress(address), address).toBe(false)
  })
})
