// A room over real HTTP: the presenter's `npm start -- --room` in a second process, attendees who
// join it with `npm run join`, and their own apps talking to the room's sandbox.
import { readFileSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CALLBACKS_BLOCKED, CALLBACKS_LOCAL_ONLY } from '../../shared/bank/process/joined-room.js'
import { createRoomClient } from '../../shared/sandbox/index.js'
import { closeTestBanks, statusPolls, transferById, waitFor } from './support/bank-harness.js'
import { freePort, killBankProcesses } from './support/bank-process.js'
import { attendeeApp, joinRoom, startRoom, type Room } from './support/room-process.js'

afterEach(closeTestBanks)
afterAll(async () => {
  await shared?.close()
  await killBankProcesses()
})

let shared: Room | undefined
const room = async () => (shared ??= await startRoom())

describe('npm start -- --room', () => {
  it('opens the room and prints the join command, the room code and the progress grid command', async () => {
    const output = (await room()).process.output()
    const code = (await room()).code
    expect(output).toContain(`The room is open. Room code: ${code}`)
    expect(output).toMatch(new RegExp(`npm run join -- http://[\\d.]+:${(await room()).ports.sandbox} ${code} --name "Your name"`))
    expect(output).toContain(`npm run check -- --room http://`)
  })

  it('lets the sandbox control API answer this computer only, and the room API everyone', async () => {
    const answer = await fetch(`${(await room()).sandboxUrl}/room/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'WRONG', name: 'Eve' }),
    })
    expect(answer.status).toBe(403)
    expect((await (await room()).control.apps()).map((app) => app.name)).not.toContain("Eve's bank")
  })
})

describe('npm run join', () => {
  it('writes the application’s settings into .env and says how to undo it', async () => {
    const joined = await joinRoom(await room(), 'Ada')
    expect(joined.status).toBe(0)
    expect(joined.output).toContain('Joined the room as "Ada\'s bank".')
    expect(joined.output).toContain('To undo: npm run join -- --leave')
    expect(joined.env).toMatchObject({
      AUTHY_API_KEY: expect.stringMatching(/^[0-9a-f]{32}$/),
      TWILIO_ACCOUNT_SID: expect.stringMatching(/^AC[0-9a-f]{32}$/),
      ROOM_NAME: 'Ada',
      ROOM_CODE: (await room()).code,
    })
    expect(joined.env.AUTHY_API_URL).toMatch(new RegExp(`:${(await room()).ports.sandbox}$`))
    expect(joined.env.ROOM_URL).toMatch(new RegExp(`:${(await room()).ports.app}$`))
  })

  it('takes the room code typed in lower case, and refuses a wrong one with what to do', async () => {
    expect((await joinRoom(await room(), 'Lin', (await room()).code.toLowerCase())).status).toBe(0)
    const wrong = await joinRoom(await room(), 'Lin', 'NOPE42')
    expect(wrong.status).toBe(1)
    expect(wrong.output).toContain("The room code NOPE42 was refused: check it on the presenter's screen")
  })

  it('says what to check when nothing answers at the address', async () => {
    const closed = await freePort()
    const joined = await joinRoom({ sandboxUrl: `http://127.0.0.1:${closed}`, code: 'K7QX2M' }, 'Ada')
    expect(joined.status).toBe(1)
    expect(joined.output).toContain("Is the presenter's app running with `npm start -- --room`")
  })
})

describe("an attendee's app in the room", () => {
  it('completes a transfer through the room’s sandbox, on polling alone from 127.0.0.1, and says so', async () => {
    const joined = await joinRoom(await room(), 'Grace')
    const { bank, visitor } = await attendeeApp(await room(), joined.env)
    expect(bank.sandbox).toBeUndefined()
    expect(bank.callbackUrl).toBeUndefined()
    const grace = visitor()
    expect((await grace.register({ email: 'grace@example.com', phone_number: '555 601 0001' })).location).toBe('/account')

    const account = await grace.get('/account')
    const phoneUrl = /href="(http:\/\/[^"]+\/phone\/[^"]+)"/.exec(account.body)?.[1]
    expect(phoneUrl).toContain(`:${(await room()).ports.sandbox}/phone/`)
    expect(account.body).toContain(CALLBACKS_LOCAL_ONLY.replaceAll("'", '&#39;'))
    // The terminal prints the same link, with its QR code, as with an embedded sandbox.
    const printed = await waitFor(
      () => bank.logs.find((line) => line.startsWith("Phone page of grace@example.com on the room's address: ")),
      'the phone link in the terminal'
    )
    expect(printed).toContain(`${phoneUrl}\n█`)

    const { transferId } = await grace.sendTransfer({ amount: '12.00' })
    const uuid = transferById(bank, transferId!)!.approvalUuid!
    expect((await grace.get(`/transfers/${transferId}`)).body).toContain('id="callback-notice"')
    await (await room()).control.approve(uuid)
    await waitFor(() => transferById(bank, transferId!)?.status === 'approved' || undefined, 'the approval')
    expect(await statusPolls((await room()).control, uuid)).toBeGreaterThanOrEqual(1)
    // The confirmation text went through the room's Twilio API, to the phone's inbox there.
    const texts = await (await room()).control.messages('1', '5556010001')
    expect(texts.some((text) => text.from !== null && text.body.includes('Signup complete'))).toBe(true)
  })

  it('keeps deciding by polling when callbacks are blocked, after the room gives up on them, and says so', async () => {
    const joined = await joinRoom(await room(), 'Hedy')
    // A callback address on which nothing answers, as a laptop the room's sandbox cannot reach,
    // on the same host the room's address names (the room refuses its own loopback from others).
    const host = new URL(joined.env.AUTHY_API_URL!).hostname
    const { bank, visitor } = await attendeeApp(await room(), joined.env, {
      AUTHY_CALLBACK_URL: `http://${host}:${await freePort()}/authy/callback`,
    })
    expect(bank.callbacksOn).toBe(true)
    const hedy = visitor()
    await hedy.register({ email: 'hedy@example.com', phone_number: '555 601 0002' })
    for (let round = 0; round < 3; round++) {
      const { transferId } = await hedy.sendTransfer({ amount: `${round + 1}` })
      await (await room()).control.approve(transferById(bank, transferId!)!.approvalUuid!)
      await waitFor(() => transferById(bank, transferId!)?.status === 'approved' || undefined, 'polling')
    }
    const app = await createRoomClient((await room()).sandboxUrl).forApp(joined.env.AUTHY_API_KEY!).app()
    expect(app.callback).toMatchObject({ state: 'disabled', failures: 3 })
    await waitFor(async () => (await hedy.get('/account')).body.includes(CALLBACKS_BLOCKED.replaceAll("'", '&#39;')) || undefined, 'the notice')
  })

  it('rides out a restart of the room mid-transfer: its polling backs off, then the decision arrives', async () => {
    const presenter = await startRoom()
    const joined = await joinRoom(presenter, 'Radia')
    const { bank, visitor } = await attendeeApp(presenter, joined.env)
    const radia = visitor()
    await radia.register({ email: 'radia@example.com', phone_number: '555 601 0003' })
    const { transferId } = await radia.sendTransfer({ amount: '30' })
    const uuid = transferById(bank, transferId!)!.approvalUuid!

    await presenter.stop()
    await waitFor(() => transferById(bank, transferId!)?.problem?.message.includes('Retrying') || undefined, 'the retries')
    expect(transferById(bank, transferId!)!.status).toBe('pending')
    await presenter.restart()
    expect((await presenter.control.apps()).map((app) => app.name)).toContain("Radia's bank")
    await presenter.control.approve(uuid)
    await waitFor(() => transferById(bank, transferId!)?.status === 'approved' || undefined, 'the approval after the restart', 20_000)
    expect(transferById(bank, transferId!)!.problem).toBeNull()
    await presenter.close()
  })
})

describe("the presenter's room view with a room", () => {
  it('lists the applications that joined, with their figures, and the join command', async () => {
    const r = await room()
    const joined = await joinRoom(r, 'Katherine')
    const key = readFileSync(`${r.dataDir}/presenter-key`, 'utf8').trim()
    await waitFor(async () => {
      const summary = (await (await fetch(`http://127.0.0.1:${r.ports.app}/presenter/summary?key=${key}`)).json()) as {
        applications?: { name: string }[]
      }
      return summary.applications?.some((app) => app.name === "Katherine's bank") || undefined
    }, 'the application on the room view')
    const html = await (await fetch(`http://127.0.0.1:${r.ports.app}/presenter?key=${key}`)).text()
    expect(html).toContain('Katherine&#39;s bank')
    expect(html).toContain(`npm run join -- `)
    // Never an application's key or Twilio token on the projector.
    expect(html).not.toContain(joined.env.AUTHY_API_KEY)
    expect(html).not.toContain(joined.env.TWILIO_AUTH_TOKEN)
  })
})

