// The checker's opt-in progress reports to the presenter's room view, against a real bank.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { announceOnce, readRoomSettings, reportProgress } from '../../shared/kit/room-report.js'
import { REPO_ROOT } from '../../shared/kit/target.js'
import type { RoomSummary } from '../../shared/bank/domain/room-summary.js'
import { closeTestBanks, startTestBank, type TestBank } from '../bank/support/bank-harness.js'
import { makeTarget } from './make-target.js'

afterAll(closeTestBanks)

const attendees = async (bank: TestBank) =>
  ((await (await fetch(`${bank.url}/presenter/summary?key=${bank.presenter!.key}`)).json()) as RoomSummary)
    .attendees

/** Runs `npm run check` as a process (without the ROOM_ settings of this machine). */
function check(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' }
  for (const name of ['ROOM_URL', 'ROOM_NAME', 'ROOM_CODE']) delete env[name]
  const child = spawn(process.execPath, ['--import', 'tsx', 'shared/kit/check-cli.ts', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })))
}

describe('reading the room settings', () => {
  it('is off without --room and ROOM_URL: nothing is sent', () => {
    expect(readRoomSettings({ name: 'Ada', code: 'K7QX2M' }, { ROOM_NAME: 'Ada' })).toEqual({ kind: 'off' })
  })

  it('takes the command line over the environment, and keeps only the address’s origin', () => {
    const read = readRoomSettings(
      { room: 'http://192.168.1.20:4000/presenter?key=oops', name: ' Ada ' },
      { ROOM_URL: 'http://10.0.0.1:4000', ROOM_NAME: 'Bob', ROOM_CODE: 'K7QX2M' }
    )
    expect(read).toEqual({ kind: 'ready', settings: { url: 'http://192.168.1.20:4000', name: 'Ada', code: 'K7QX2M' } })
  })

  it('asks for the room code when only it is missing', () => {
    expect(readRoomSettings({}, { ROOM_URL: 'http://10.0.0.1:4000', ROOM_NAME: 'Ada' })).toEqual({
      kind: 'ask-code',
      url: 'http://10.0.0.1:4000',
      name: 'Ada',
    })
  })

  it.each([
    [{ room: 'not a url', name: 'Ada' }, 'is not a web address'],
    [{ room: 'ftp://10.0.0.1', name: 'Ada' }, 'is not a web address'],
    [{ room: 'http://10.0.0.1:4000' }, '--name "Ada"'],
    [{ room: 'http://10.0.0.1:4000', name: 'x'.repeat(41) }, '1 to 40 characters'],
  ])('explains what to fix in %j', (flags, message) => {
    const read = readRoomSettings(flags, {})
    expect(read.kind).toBe('problem')
    expect((read as { message: string }).message).toContain(message)
  })
})

describe('announcing once what is sent', () => {
  it('says what goes where the first time for a room address, and not again', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'room-announced-'))
    const settings = { url: 'http://10.0.0.1:4000', name: 'Ada', code: 'K7QX2M' }
    const first = announceOnce(settings, dataDir)
    expect(first).toContain('your name (Ada), the room code and the numbers of the steps that pass')
    expect(first).toContain('http://10.0.0.1:4000/presenter/progress')
    expect(first).toContain('none of your code, no file paths, no errors')
    expect(announceOnce(settings, dataDir)).toBeUndefined()
    expect(announceOnce({ ...settings, url: 'http://10.0.0.2:4000' }, dataDir)).toContain('10.0.0.2')
  })
})

describe('reporting progress', () => {
  it('records the steps on the room view and says so', async () => {
    const bank = await startTestBank()
    const settings = { url: bank.url, name: 'Ada', code: bank.presenter!.roomCode }
    expect(await reportProgress(settings, [1, 2])).toBe(`Room: sent to ${bank.url} as Ada (steps done: 1, 2).`)
    expect(await attendees(bank)).toMatchObject([{ name: 'Ada', steps_done: [1, 2] }])
  })

  it('says what to do when the code is refused, the address has no room view, or nobody answers', async () => {
    const bank = await startTestBank()
    expect(await reportProgress({ url: bank.url, name: 'Ada', code: 'WRONG1' }, [1])).toContain(
      'the room code WRONG1 was refused. Check the code on the presenter\'s screen'
    )
    const workshop = await startTestBank({ variant: 'workshop' })
    expect(await reportProgress({ url: workshop.url, name: 'Ada', code: 'K7QX2M' }, [1])).toContain(
      'has no room view. Check the address'
    )
    const port = workshop.port
    await workshop.close()
    expect(await reportProgress({ url: `http://127.0.0.1:${port}`, name: 'Ada', code: 'K7QX2M' }, [1])).toContain(
      'could not be reached'
    )
  })
})

describe('npm run check -- --room', () => {
  it('sends the steps that pass after the check, says once what it sends, and nothing without the flag', async () => {
    const bank = await startTestBank()
    const target = makeTarget()
    const flags = ['--target', target.dir, '--room', bank.url, '--name', 'Grace', '--code', bank.presenter!.roomCode]
    const first = await check(flags)
    expect(first.stderr).toBe('')
    expect(first.stdout).toContain(`go to ${bank.url}/presenter/progress`)
    expect(first.stdout).toContain(`Room: sent to ${bank.url} as Grace (steps done: 1, 2, 3, 4, 5, 6, 7, 8).`)
    const [grace] = await attendees(bank)
    expect(grace).toMatchObject({ name: 'Grace', steps_done: [1, 2, 3, 4, 5, 6, 7, 8] })

    const second = await check(flags)
    expect(second.stdout).not.toContain('/presenter/progress')
    expect(second.stdout).toContain('Room: sent to')

    const seen = (await attendees(bank))[0]!.last_seen
    const without = await check(['--target', target.dir])
    expect(without.stdout).not.toContain('Room:')
    expect((await attendees(bank))[0]!.last_seen).toBe(seen)
  })

  it('asks for the room code on the command line when there is no terminal to ask in', async () => {
    const result = await check(['--room', 'http://127.0.0.1:9', '--name', 'Ada'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain("Give the room code with --code (it is on the presenter's screen)")
  })
})
