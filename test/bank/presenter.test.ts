// The presenter's room view over real HTTP: its key, its figures, the demo, and the attendees'
// progress reports.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RoomSummary } from '../../shared/bank/domain/room-summary.js'
import { ROOT, startTestBank, useTestBank, waitFor, type TestBank } from './support/bank-harness.js'

const keyOf = (bank: TestBank) => bank.presenter!.key
const codeOf = (bank: TestBank) => bank.presenter!.roomCode

async function summary(bank: TestBank): Promise<RoomSummary> {
  const response = await fetch(`${bank.url}/presenter/summary?key=${keyOf(bank)}`)
  expect(response.status).toBe(200)
  return (await response.json()) as RoomSummary
}

function report(bank: TestBank, body: unknown, init: { raw?: boolean } = {}) {
  return fetch(`${bank.url}/presenter/progress`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: init.raw ? (body as string) : JSON.stringify(body),
  })
}

describe('the presenter key', () => {
  const bank = useTestBank()

  it.each([
    ['no key', ''],
    ['a wrong key', '?key=0123'],
    ['the key one character short', 'short'],
    ['the key with one character changed', 'changed'],
  ])('keeps the room view, its summary and its live stream closed with %s', async (_, which) => {
    const key = keyOf(bank())
    const query =
      which === 'short'
        ? `?key=${key.slice(0, -1)}`
        : which === 'changed'
          ? `?key=${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`
          : which
    const page = await fetch(`${bank().url}/presenter${query}`)
    expect(page.status).toBe(401)
    const html = await page.text()
    expect(html).toContain('The room view needs its key')
    expect(html).toContain('printed in the terminal where `npm start` runs')
    expect(html).not.toContain(key)
    for (const path of ['/presenter/summary', '/presenter/events']) {
      const response = await fetch(`${bank().url}${path}${query}`)
      expect(response.status).toBe(401)
      expect(((await response.json()) as { message: string }).message).toContain('/presenter?key=')
    }
  })

  it('compares the key in constant time, never with ===', () => {
    const source = readFileSync(`${ROOT}shared/bank/routes/presenter-routes.tsx`, 'utf8')
    expect(source).toMatch(/constantTimeEqual\(presenter\.key, key\)/)
    expect(source).not.toMatch(/presenter\.key\s*[!=]==|[!=]==\s*presenter\.key/)
  })

  it('is kept in the data folder, so the link printed at start survives a restart', async () => {
    const first = await startTestBank()
    const { key, roomCode } = first.presenter!
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(roomCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/)
    await first.close()
    const again = await startTestBank({ dataDir: first.dataDir })
    expect(again.presenter).toMatchObject({ key, roomCode })
    await again.close()
  })

  it('belongs to the finished app only: the workshop app has no room view', async () => {
    const workshop = await startTestBank({ variant: 'workshop', inProcess: true })
    expect(workshop.presenter).toBeUndefined()
    expect((await workshop.visitor().get('/presenter?key=x')).status).toBe(404)
    await workshop.close()
  })
})

describe('the room view', () => {
  const bank = useTestBank()

  it('shows the room code and the command that joins the progress grid', async () => {
    const html = await (await fetch(`${bank().url}/presenter?key=${keyOf(bank())}`)).text()
    expect(html).toContain(`<strong id="room-code">${codeOf(bank())}</strong>`)
    expect(html).toContain(`npm run check -- --room`)
    expect(html).toContain(`--code ${codeOf(bank())} --name &quot;Your name&quot;`)
  })

  it('says plainly that learners cannot reach a bank listening on 127.0.0.1, and how to open it', async () => {
    const html = await (await fetch(`${bank().url}/presenter?key=${keyOf(bank())}`)).text()
    expect(html).toContain('The bank listens on this computer only')
    expect(html).toContain('npm start -- --room')
    expect(html).not.toContain('class="room-qr"')
  })

  it('shows the address and a QR code when the bank listens beyond this computer', async () => {
    const open = await startTestBank({ env: { HOST: '0.0.0.0' } })
    const html = await (await fetch(`${open.url}/presenter?key=${keyOf(open)}`)).text()
    expect(open.presenter!.joinUrl ?? 'none').not.toContain('127.0.0.1')
    if (open.presenter!.joinUrl) {
      expect(html).toContain('class="room-qr"')
      expect(html).toContain(open.presenter!.joinUrl)
    } else {
      // A machine with no network at all: still this computer only.
      expect(html).toContain('The bank listens on this computer only')
    }
    await open.close()
  })

  it('never shows the presenter key of the page to anyone but the page: not in the summary', async () => {
    const text = JSON.stringify(await summary(bank()))
    expect(text).not.toContain(keyOf(bank()))
    expect(text).toContain(codeOf(bank()))
  })
})

describe('the room summary', () => {
  it('counts registrations, phones, transfers by status and sign-ins after a scripted mix', async () => {
    const bank = await startTestBank()
    const control = bank.sandbox!.control
    const ada = bank.visitor()
    await ada.register({ email: 'ada.lovelace@example.com', phone_number: '555 301 0001' })
    const grace = bank.visitor()
    await grace.register({ email: 'grace@example.com', phone_number: '555 301 0002' })
    // Someone who stopped at the code: registered, phone not confirmed.
    const alan = bank.visitor()
    expect((await alan.post('/register', { email: 'alan@example.com', password: 'a long enough password', country_code: '1', phone_number: '555 301 0003' })).location).toBe('/verify')

    const adaUser = bank.store.findUserByEmail('ada.lovelace@example.com')!
    const sent: string[] = []
    for (let index = 0; index < 4; index++) {
      const { transferId } = await ada.sendTransfer({ amount: `${10 + index}` })
      sent.push(transferId!)
    }
    const uuids = sent.map((id) => bank.store.getTransfer(id, adaUser.id)!.approvalUuid!)
    await control.approve(uuids[0]!)
    await control.deny(uuids[1]!)
    await control.expire(uuids[2]!)
    await control.addFault({ method: 'POST', path: '/onetouch/json/users/*/approval_requests', status: 400 })
    await grace.sendTransfer({ amount: '99' })
    await control.clearFaults()
    await waitFor(
      () => ['approved', 'denied', 'expired'].every((status) => bank.store.allTransfers().some((t) => t.status === status)) || undefined,
      'the three decisions'
    )

    await ada.post('/logout', {})
    await control.setDevice(adaUser.authyId!, true)
    expect((await ada.signIn('ada.lovelace@example.com')).location).toBe('/login/wait')
    await control.approve(bank.store.allSignIns()[0]!.approvalUuid!)
    await waitFor(() => bank.store.allSignIns()[0]?.status === 'approved' || undefined, 'the sign-in approval')

    const counts = await summary(bank)
    expect(counts).toMatchObject({
      room_code: codeOf(bank),
      users: 3,
      phones_confirmed: 2,
      transfers: { pending: 1, approved: 1, denied: 1, expired: 1, failed: 1 },
      sign_ins: { approved: 1, denied: 0 },
      attendees: [],
    })
    expect(counts.decision_seconds.p50).toBeGreaterThanOrEqual(0)
    expect(counts.decision_seconds.p90).toBeGreaterThanOrEqual(counts.decision_seconds.p50!)

    const html = await (await fetch(`${bank.url}/presenter?key=${keyOf(bank)}`)).text()
    expect(html).toContain('<strong>ada</strong> approved a transfer of ≈ $10')
    expect(html).toContain('<strong>ada</strong> denied a transfer of ≈ $11')
    expect(html).toContain('<strong>ada</strong> let a transfer of ≈ $12 expire')
    expect(html).toContain('<strong>ada</strong> approved a sign-in')
    // Nothing that identifies a learner beyond a first name: no phone, no account, no exact amount.
    expect(html).not.toContain('lovelace')
    expect(html).not.toContain('555 301')
    expect(html).not.toContain('12345678')
    expect(html).not.toContain('$10.00')
    await bank.close()
  })
})

describe('the presenter demo', () => {
  const bank = useTestBank()

  it('sends a transfer from the demo account to the demo phone, which the room sees decided', async () => {
    const visitor = bank().visitor()
    const page = await visitor.get(`/presenter?key=${keyOf(bank())}`)
    expect(page.status).toBe(200)
    const sent = await visitor.post('/presenter/demo', { key: keyOf(bank()) })
    expect(sent.location).toBe(`/presenter?key=${keyOf(bank())}`)
    const after = await visitor.get(sent.location!)
    expect(after.body).toContain('Sent: a $25.00 transfer from the demo account is waiting on the demo phone.')
    expect(after.body).toMatch(/id="demo-phone-link"/)

    const demo = bank().store.findUserByEmail('presenter-demo@onetouch-bank.invalid')!
    const [request] = await bank().sandbox!.control.approvalRequests(demo.authyId!)
    await bank().sandbox!.control.approve(request!.uuid)
    await waitFor(async () => (await summary(bank())).transfers.approved === 1 || undefined, 'the demo approval')
    // The demo account is no learner: it is not counted as a registration.
    expect((await summary(bank())).users).toBe(0)
    // The key went through URLs and forms, never into the log.
    expect(bank().logs.join('\n')).not.toContain(keyOf(bank()))
    // Nobody can sign in as the demo account.
    expect((await bank().visitor().signIn('presenter-demo@onetouch-bank.invalid', '')).status).toBe(400)
  })

  it('needs the key and the form token', async () => {
    const visitor = bank().visitor()
    const wrongKey = await visitor.post('/presenter/demo', { key: 'nope' })
    expect(wrongKey.status).toBe(401)
    const noToken = await visitor.post('/presenter/demo', { key: keyOf(bank()) }, { token: null })
    expect(noToken.status).toBe(403)
  })
})

describe('progress reports', () => {
  const bank = useTestBank()

  it('records a report, and the summary and the grid show it, the name escaped', async () => {
    const reply = await report(bank(), { room: codeOf(bank()), name: '  <b>Ada</b>  ', steps_done: [2, 1] })
    expect(reply.status).toBe(200)
    const { attendees } = await summary(bank())
    const ada = attendees.find((attendee) => attendee.name === '<b>Ada</b>')
    expect(ada).toMatchObject({ steps_done: [1, 2] })
    expect(Date.parse(ada!.last_seen)).not.toBeNaN()
    const html = await (await fetch(`${bank().url}/presenter?key=${keyOf(bank())}`)).text()
    expect(html).toContain('&lt;b&gt;Ada&lt;/b&gt;')
    expect(html).not.toContain('<b>Ada</b>')
  })

  it('fades an attendee not heard from for 10 minutes, and brings them back with their next report', async () => {
    let now = Date.parse('2026-11-30T10:00:00Z')
    const clocked = await startTestBank({ clock: () => now })
    const send = () => report(clocked, { room: codeOf(clocked), name: 'Sleepy', steps_done: [1] })
    const row = async () =>
      /<tr([^>]*) data-attendee="Sleepy">/.exec(
        await (await fetch(`${clocked.url}/presenter?key=${keyOf(clocked)}`)).text()
      )?.[1]
    expect((await send()).status).toBe(200)
    expect(await row()).toBe('')
    now += 10 * 60_000 + 1000
    expect(await row()).toBe(' class="attendee-away"')
    expect((await send()).status).toBe(200)
    expect(await row()).toBe('')
    await clocked.close()
  })

  it('takes the room code in any case, with spaces or dashes', async () => {
    const code = codeOf(bank())
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`
    expect((await report(bank(), { room: typed, name: 'Lin', steps_done: [] })).status).toBe(200)
  })

  it('refuses an unknown room code with 403, and says where the right one is', async () => {
    const reply = await report(bank(), { room: 'ZZZZZZ', name: 'Eve', steps_done: [1] })
    expect(reply.status).toBe(403)
    expect(((await reply.json()) as { message: string }).message).toContain("presenter's screen")
    expect((await summary(bank())).attendees.map((a) => a.name)).not.toContain('Eve')
  })

  it.each([
    ['not JSON', 'steps 1 and 2 please', 'The report must be JSON'],
    ['not an object', '[1, 2]', 'The report must be a JSON object'],
    ['a missing name', '{"room": "X", "steps_done": []}', 'name must be a string'],
    ['an empty name', '{"room": "X", "name": "   ", "steps_done": []}', 'name is empty'],
    ['a 41-character name', JSON.stringify({ room: 'X', name: 'a'.repeat(41), steps_done: [] }), 'at most 40 characters'],
    ['a control character', JSON.stringify({ room: 'X', name: 'Ada\u0007', steps_done: [] }), 'control characters'],
    ['a step that does not exist', '{"room": "X", "name": "Ada", "steps_done": [9]}', 'step numbers from 1 to 8'],
    ['steps as a string', '{"room": "X", "name": "Ada", "steps_done": "1,2"}', 'step numbers from 1 to 8'],
    ['no room code', '{"name": "Ada", "steps_done": [1]}', 'room must be the room code'],
  ])('answers %s with 400 and a message, never a 500', async (_, body, message) => {
    const reply = await report(bank(), body, { raw: true })
    expect(reply.status).toBe(400)
    expect(((await reply.json()) as { message: string }).message).toContain(message)
  })

  it('takes one report per second from each attendee', async () => {
    const body = { room: codeOf(bank()), name: 'Quick', steps_done: [1] }
    expect((await report(bank(), body)).status).toBe(200)
    const again = await report(bank(), { ...body, steps_done: [1, 2] })
    expect(again.status).toBe(429)
    expect(again.headers.get('retry-after')).toBe('1')
    expect((await summary(bank())).attendees.find((a) => a.name === 'Quick')!.steps_done).toEqual([1])
  })

  it('needs no session and no form token: the room code is the check', async () => {
    const reply = await report(bank(), { room: codeOf(bank()), name: 'NoCookie', steps_done: [] })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('set-cookie')).toBeNull()
  })

  it('locks an address out after 20 wrong room codes in 10 minutes', async () => {
    const fresh = await startTestBank()
    for (let tries = 0; tries < 20; tries++) {
      expect((await report(fresh, { room: `WRONG${tries}`, name: 'Guess', steps_done: [] })).status).toBe(403)
    }
    const locked = await report(fresh, { room: codeOf(fresh), name: 'Guess', steps_done: [] })
    expect(locked.status).toBe(429)
    expect(((await locked.json()) as { message: string }).message).toContain('Too many wrong room codes')
    await fresh.close()
  })
})

describe('a full room', () => {
  it('takes 500 attendees and refuses a 501st with 409, while those already in keep reporting', async () => {
    const bank = await startTestBank({ inProcess: true })
    const post = (name: string) =>
      bank.app.request('/presenter/progress', {
        method: 'POST',
        body: JSON.stringify({ room: codeOf(bank), name, steps_done: [1] }),
      })
    for (let index = 1; index <= 500; index++) expect((await post(`Seat ${index}`)).status).toBe(200)
    const refused = await post('Seat 501')
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { message: string }).message).toBe(
      'The room is full: 500 attendees already report their progress.'
    )
    await new Promise((resolve) => setTimeout(resolve, 1050))
    expect((await post('seat 1')).status).toBe(200)
    await bank.close()
  })
})

describe('a room of 50 attendees', () => {
  it('shows every report of 50 simulated attendees, and refuses the 501st attendee of a full room', async () => {
    const bank = await startTestBank()
    const attendees = Array.from({ length: 50 }, (_, index) => `Attendee ${index + 1}`)
    // Bounded: 50 attendees, three rounds each, one second apart (the per-attendee limit).
    for (let round = 1; round <= 3; round++) {
      const replies = await Promise.all(
        attendees.map((name, index) =>
          report(bank, { room: codeOf(bank), name, steps_done: Array.from({ length: Math.min(8, ((index + round) % 8) + 1) }, (_, step) => step + 1) })
        )
      )
      expect(replies.map((reply) => reply.status)).toEqual(attendees.map(() => 200))
      if (round < 3) await new Promise((resolve) => setTimeout(resolve, 1050))
    }
    const { attendees: seen } = await summary(bank)
    expect(seen.map((attendee) => attendee.name)).toEqual(attendees)
    expect(seen[0]!.steps_done).toEqual([1, 2, 3, 4])
    const html = await (await fetch(`${bank.url}/presenter?key=${keyOf(bank)}`)).text()
    expect(html).toContain('<td data-step-done="1">50 of 50</td>')
    await bank.close()
  })
})
