import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { usersFolder } from '../../shared/bank/store/bank-files.js'
import { openBankStore } from '../../shared/bank/store/store.js'
import { closeTestBanks, startTestBank } from './support/bank-harness.js'
import { aVersionTwoBank } from './support/bank-v2.js'
import { userFileOnDisk, useTempStores } from './support/temp-store.js'

// A real process killed with SIGKILL at random points, then the bank opened again: what was stored
// before the kill is all there, once, and the app starts on it.
const stores = useTempStores()
afterEach(closeTestBanks)

const CHILD = fileURLToPath(new URL('./support/store-child.ts', import.meta.url))
const KILLS = 8
const MAX_SPLIT_KILLS = 40

interface Child {
  process: ChildProcess
  /** Every line it said, as they come. */
  lines: string[]
  /** Resolves once it said a line that passes `test`. */
  said(test: (line: string) => boolean): Promise<void>
  exited: Promise<void>
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  const waiting: { test: (line: string) => boolean; resolve: () => void }[] = []
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line)
    for (const wait of waiting.filter((w) => w.test(line))) wait.resolve()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    process: child,
    lines,
    exited,
    said: (test) =>
      new Promise<void>((resolve, reject) => {
        if (lines.some(test)) return resolve()
        waiting.push({ test, resolve })
        void exited.then(() => reject(new Error(`The child ended first: ${lines.join(' | ')}`)))
      }),
  }
}

// How far a split got: bank.json is still the old file until its last step.
function stageOfSplit(file: string, text: string): string {
  if (readFileSync(file, 'utf8') !== text) return 'done'
  if (existsSync(`${usersFolder(file)}.migrating`)) return 'writing the users’ files'
  return existsSync(usersFolder(file)) ? 'folder in place' : 'reading bank.json'
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function killAfter(child: Child, ms: number): Promise<void> {
  await pause(ms)
  child.process.kill('SIGKILL')
  await child.exited
}

describe('a split killed at random points', () => {
  it('loses nothing and duplicates nothing, and the app starts on what it left', async () => {
    const bank = aVersionTwoBank({ users: 1500, transfersPerUser: 4 })
    const text = JSON.stringify(bank)
    const oldBank = () => {
      const file = stores.file()
      writeFileSync(file, text)
      return file
    }
    // Opens the bank (finishing a split a kill stopped) and finds every record of the old file.
    const expectWhole = async (file: string) => {
      const store = await openBankStore({ file })
      expect(store.allUsers()).toEqual(bank.users)
      expect(store.allTransfers()).toEqual(bank.transfers)
      expect(store.allSignIns()).toEqual(bank.signIns)
      const sessions = bank.users.flatMap((user) => userFileOnDisk(file, user.id).sessions)
      expect(sessions).toEqual(bank.sessions)
      expect(readFileSync(`${file}.version-2`, 'utf8')).toBe(text)
      await store.close()
    }
    // How long one split takes here, from the store's opening to its end.
    const timed = startChild(['open', oldBank()])
    await timed.said((line) => line === 'opening')
    const started = Date.now()
    await timed.said((line) => line.startsWith('opened'))
    const splitMs = Date.now() - started
    await timed.exited

    // Killed at a random point, started again on what it left, killed again…; a split that got to
    // its end is checked, and the next kill starts on an old bank.json again.
    let file = oldBank()
    const stages: string[] = []
    // At least KILLS kills, and more (up to MAX_SPLIT_KILLS) until one has landed while the users'
    // files were being written: random points can all miss that stage on a busy machine.
    for (
      let kill = 0;
      kill < KILLS || (!stages.includes('writing the users’ files') && kill < MAX_SPLIT_KILLS);
      kill++
    ) {
      const child = startChild(['open', file])
      await child.said((line) => line === 'opening')
      await killAfter(child, Math.random() * splitMs)
      stages.push(stageOfSplit(file, text))
      if (stages.at(-1) === 'done') {
        await expectWhole(file)
        file = oldBank()
      }
    }
    expect(stages).toContain('writing the users’ files')
    await expectWhole(file)

    const app = await startTestBank({ dataDir: dirname(file), inProcess: true })
    expect(app.store.allTransfers()).toHaveLength(bank.transfers.length)
    expect((await app.app.request('/health')).status).toBe(200)
  }, 180_000)
})

describe('writes killed at random points', () => {
  it('keep every change stored before the kill, once, in the users’ files', async () => {
    const file = stores.file()
    const acknowledged = new Map<string, string>()
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startChild(['write', file, String(kill)])
      await child.said((line) => line === 'writing')
      await child.said((line) => line.startsWith('ack '))
      await killAfter(child, Math.random() * 300)
      for (const line of child.lines.filter((said) => said.startsWith('ack '))) {
        const [, id, status] = line.split(' ')
        acknowledged.set(id!, status!)
      }
    }
    expect(acknowledged.size).toBeGreaterThan(KILLS)

    const store = await openBankStore({ file })
    const transfers = store.allTransfers()
    const ids = transfers.map((transfer) => transfer.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const [id, status] of acknowledged) {
      const stored = store.findTransfer(id)
      expect(stored, `transfer ${id}, stored ${status} before a kill`).toBeDefined()
      const later = { sending: ['sending', 'pending', 'approved'], pending: ['pending', 'approved'] }
      expect(later[status as keyof typeof later] ?? [status]).toContain(stored!.status)
    }
    const dataDir = dirname(file)
    await store.close()

    const app = await startTestBank({ dataDir, inProcess: true })
    expect(app.store.allTransfers().map((transfer) => transfer.id)).toEqual(ids)
    expect((await app.app.request('/health')).status).toBe(200)
  }, 120_000)
})
