import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SandboxDataFileError } from '../../shared/sandbox/index.js'
import { openSandboxStore } from '../../shared/sandbox/domain/store.js'
import { createApproval, registerUser, startTestSandbox } from './support.js'

describe('the sandbox state file', () => {
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('keeps users, approval requests, inboxes and the callback URL across a restart', async () => {
    const dataFile = join(tempDir(), 'nested', 'sandbox.json')
    const first = await startTestSandbox({ dataFile })
    const { id, phone } = await registerUser(first)
    const uuid = await createApproval(first, id, {
      message: 'Survive a restart',
      details: { To: 'bob' },
    })
    const decided = await createApproval(first, id, { message: 'Decided' })
    await first.control.deny(decided)
    await first.api('GET', `/protected/json/sms/${id}?force=true`)
    await first.control.setCallback('http://127.0.0.1:9/cb', 'GET')
    const user = await first.control.user(id)
    await first.sandbox.close()

    expect(JSON.parse(readFileSync(dataFile, 'utf8')).users).toHaveLength(1)

    const second = await startTestSandbox({ dataFile })
    try {
      expect(await second.control.user(id)).toMatchObject({ authy_id: id, email: user.email })
      expect(new URL((await second.control.user(id)).phone_url).pathname).toBe(
        new URL(user.phone_url).pathname
      )
      expect(
        (await second.api('GET', `/onetouch/json/approval_requests/${uuid}`)).json.approval_request
          .status
      ).toBe('pending')
      expect((await second.control.approvalRequest(uuid)).details).toEqual({ To: 'bob' })
      expect((await second.control.approvalRequest(decided)).status).toBe('denied')
      expect((await second.control.messages(1, phone))[0].channel).toBe('sms')
      expect((await second.control.app()).onetouch_callback_url).toBe('http://127.0.0.1:9/cb')
      const again = await registerUser(second)
      expect(again.id).toBe(id + 1)
    } finally {
      await second.sandbox.close()
    }
  })

  it("keeps this month's API call count across a restart", async () => {
    const dataFile = join(tempDir(), 'sandbox.json')
    const first = await startTestSandbox({ dataFile })
    for (let i = 0; i < 5; i++) await first.api('GET', '/protected/json/app/details')
    await first.sandbox.close()
    const second = await startTestSandbox({ dataFile })
    try {
      const { stats } = (await second.api('GET', '/protected/json/app/stats')).json
      expect(stats).toHaveLength(1)
      expect(stats[0].api_calls_count).toBe(6)
    } finally {
      await second.sandbox.close()
    }
  })

  it('clears a saved callback URL that has a query string, and says so', async () => {
    const dataFile = join(tempDir(), 'sandbox.json')
    await (await startTestSandbox({ dataFile })).sandbox.close()
    const saved = JSON.parse(readFileSync(dataFile, 'utf8'))
    saved.apps[0].callback.url = 'http://127.0.0.1:9/cb?x=1'
    writeFileSync(dataFile, JSON.stringify(saved))
    const t = await startTestSandbox({ dataFile })
    try {
      expect((await t.control.app()).onetouch_callback_url).toBeNull()
      expect(t.logs.some((line) => line.includes('http://127.0.0.1:9/cb?x=1'))).toBe(true)
    } finally {
      await t.sandbox.close()
    }
  })

  it('moves a corrupt file aside, says so, and starts fresh', async () => {
    const dir = tempDir()
    const dataFile = join(dir, 'sandbox.json')
    writeFileSync(dataFile, '{"version":1,"users":[{"authy_id":')
    const t = await startTestSandbox({ dataFile })
    try {
      const aside = readdirSync(dir).filter((name) => name.startsWith('sandbox.json.corrupt-'))
      expect(aside).toHaveLength(1)
      expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('{"version":1,"users":[{"authy_id":')
      expect(t.logs.some((line) => line.includes(dataFile) && line.includes(aside[0]))).toBe(true)
      const { id } = await registerUser(t)
      expect(await t.control.user(id)).toMatchObject({ authy_id: id })
    } finally {
      await t.sandbox.close()
    }
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).users).toHaveLength(1)
  })

  it('treats an empty file or a file of the wrong shape as corrupt too', async () => {
    for (const content of ['', '{"hello":"world"}']) {
      const dir = tempDir()
      const dataFile = join(dir, 'sandbox.json')
      writeFileSync(dataFile, content)
      const t = await startTestSandbox({ dataFile })
      await t.sandbox.close()
      expect(
        readdirSync(dir).some((name) => name.startsWith('sandbox.json.corrupt-')),
        JSON.stringify(content)
      ).toBe(true)
      expect(JSON.parse(readFileSync(dataFile, 'utf8')).version).toBe(2)
    }
  })

  it('moves aside a file holding JSON that is not an object: null, a number, a list, a text', async () => {
    for (const content of ['null', '5', '[]', '"sandbox"']) {
      const dir = tempDir()
      const dataFile = join(dir, 'sandbox.json')
      writeFileSync(dataFile, content)
      const t = await startTestSandbox({ dataFile })
      await t.sandbox.close()
      const aside = readdirSync(dir).filter((name) => name.startsWith('sandbox.json.corrupt-'))
      expect(aside, content).toHaveLength(1)
      expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe(content)
      expect(
        t.logs.some((line) => line.includes('not an object')),
        content
      ).toBe(true)
    }
  })

  it('refuses to start when the data file cannot be read, naming the file and the fix', async () => {
    const dir = tempDir()
    const dataFile = join(dir, 'sandbox.json')
    mkdirSync(dataFile)
    writeFileSync(join(dataFile, 'keep.txt'), 'mine')
    const error = await startTestSandbox({ dataFile }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SandboxDataFileError)
    expect((error as Error).message).toBe(
      `The sandbox data file ${dataFile} cannot be used: it cannot be read (it is a folder, ` +
        'not a file). Move or delete that folder, or choose another data folder ' +
        '(SANDBOX_DATA_DIR for npm run sandbox, DATA_DIR for the apps).'
    )
    expect(readdirSync(dir)).toEqual(['sandbox.json'])
    expect(readFileSync(join(dataFile, 'keep.txt'), 'utf8')).toBe('mine')
  })

  it('reads a file an editor saved with a byte order mark', async () => {
    const dataFile = join(tempDir(), 'sandbox.json')
    const first = await startTestSandbox({ dataFile })
    const { id } = await registerUser(first)
    await first.sandbox.close()
    writeFileSync(dataFile, `\uFEFF${readFileSync(dataFile, 'utf8')}`)
    const second = await startTestSandbox({ dataFile })
    try {
      expect((await second.control.user(id)).authy_id).toBe(id)
    } finally {
      await second.sandbox.close()
    }
  })

  it('refuses a device change without registered (400 / 60004), so a restart keeps the file', async () => {
    const dir = tempDir()
    const dataFile = join(dir, 'sandbox.json')
    const first = await startTestSandbox({ dataFile })
    const { id } = await registerUser(first)
    for (const body of ['{}', '']) {
      const answer = await first.api('PUT', `/sandbox/users/${id}/device`, {
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.json).toMatchObject({
        message: 'Invalid parameter: registered - Parameter is required',
        error_code: '60004',
      })
    }
    await first.sandbox.close()

    const second = await startTestSandbox({ dataFile })
    try {
      expect(readdirSync(dir)).toEqual(['sandbox.json'])
      expect((await second.control.user(id)).authy_id).toBe(id)
    } finally {
      await second.sandbox.close()
    }
  })

  it('writes once for every save asked for in one task, with the data as that task left it', async () => {
    const dataFile = join(tempDir(), 'sandbox.json')
    const store = await openSandboxStore(dataFile, Date.now(), () => {})
    const saves = Array.from({ length: 50 }, () => store.save())
    store.data.next_authy_id = 123_456
    expect(new Set(saves).size).toBe(1)
    await saves[0]
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).next_authy_id).toBe(123_456)
    const later = store.save()
    expect(later).not.toBe(saves[0])
    await later
  })

  it('writes the file at start, so a fresh sandbox leaves a valid file behind', async () => {
    const dataFile = join(tempDir(), 'sandbox.json')
    const t = await startTestSandbox({ dataFile })
    await t.sandbox.close()
    expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toMatchObject({ version: 2, users: [] })
  })
})
