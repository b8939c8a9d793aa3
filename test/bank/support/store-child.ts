// A process that uses a bank store until it is killed, for the tests of kill -9:
//   node --import tsx store-child.ts open <bank.json>
//     says `opening`, opens the store (splitting an older bank.json), says `opened <transfers>`.
//   node --import tsx store-child.ts write <bank.json> <run>
//     opens the store, then four writers store transfers for eight users, send and approve them,
//     each saying `ack <transfer id> <status>` once the change is stored; stops by itself after
//     2,000 changes or 20 s, if nothing killed it first.
import { openBankStore } from '../../../shared/bank/store/store.js'
import { aTransfer, aUser } from './temp-store.js'

const [mode, file, run] = process.argv.slice(2)
const say = (line: string) => process.stdout.write(`${line}\n`)

if (mode === 'open') {
  say('opening')
  const store = await openBankStore({ file: file! })
  say(`opened ${store.allTransfers().length}`)
  await store.close()
} else if (mode === 'write') {
  const store = await openBankStore({ file: file! })
  const deadline = Date.now() + 20_000
  let changes = 0
  const more = () => changes < 2_000 && Date.now() < deadline
  say('writing')
  const writer = async (w: number) => {
    for (let i = 0; more(); i++) {
      const userId = `writer-user-${(w * 2 + (i % 2)) % 8}`
      if (!store.getUser(userId)) await store.addUser(aUser({ id: userId, authyId: 1 }))
      const id = `t-${run}-${w}-${i}`
      const uuid = `uuid-${id}`
      await store.addTransfer(aTransfer({ id, userId, status: 'sending', approvalUuid: null }))
      say(`ack ${id} sending`)
      await store.markSent(id, { approvalUuid: uuid, expiresAt: new Date().toISOString() })
      say(`ack ${id} pending`)
      await store.saveStatus(uuid, 'approved')
      say(`ack ${id} approved`)
      changes += 3
    }
  }
  await Promise.all([0, 1, 2, 3].map(writer))
  await store.close()
  say('done')
} else {
  console.error('Usage: store-child.ts open <bank.json> | write <bank.json> <run>')
  process.exit(2)
}
