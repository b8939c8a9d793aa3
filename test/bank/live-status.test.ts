import { describe, expect, it } from 'vitest'
import { transferById, useTestBank } from './support/bank-harness.js'

const bank = useTestBank({ inProcess: true })

/** Reads server-sent events until the stream ends. */
async function* events(
  body: AsyncIterable<Uint8Array>
): AsyncGenerator<{ event: string; data: unknown }> {
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const event = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (event && data) yield { event, data: JSON.parse(data) }
    }
  }
}

describe('GET /transfers/:id/events', () => {
  it('sends the state now, the decision when it comes, then ends the stream', async () => {
    const visitor = bank().visitor()
    await visitor.register()
    const { transferId } = await visitor.sendTransfer()
    const page = await visitor.get(`/transfers/${transferId}`)
    expect(page.body).toContain(`data-events-url="/transfers/${transferId}/events"`)

    const stream = await bank().app.request(`/transfers/${transferId}/events`, {
      headers: { cookie: visitor.cookieHeader() },
    })
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const received: unknown[] = []
    for await (const message of events(stream.body!)) {
      received.push(message.data)
      if (received.length === 1)
        await bank().sandbox!.control.approve(transferById(bank(), transferId!)!.approvalUuid!)
    }
    expect(received[0]).toMatchObject({
      id: transferId,
      status: 'pending',
      headline: 'Waiting for approval on your phone',
      final: false,
    })
    expect(received.at(-1)).toMatchObject({
      status: 'approved',
      label: 'Approved',
      headline: 'Money transfer approved',
      final: true,
    })
  })

  it('answers 404 for a transfer of another browser', async () => {
    const ada = bank().visitor()
    await ada.register()
    const { transferId } = await ada.sendTransfer()
    const eve = bank().visitor()
    await eve.register({ phone_number: '555 321 0000' })
    expect((await eve.get(`/transfers/${transferId}/events`)).status).toBe(404)
  })
})
