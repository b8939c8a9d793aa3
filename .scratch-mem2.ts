import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startApp } from './test/bench/app-process.js'
import { benchBank, sendTransfer, signUp, untilShown } from './test/bench/bank-driver.js'
const app = await startApp('bank', { measureMemory: true })
const mb = async () => Math.round((await app.rss()) / 1048576)
console.log('idle', await mb())
const bank = benchBank({ url: app.url, sandboxUrl: app.sandboxUrl, sandboxKey: readFileSync(join(app.dataDir, 'sandbox-api-key'), 'utf8').trim() })
const learners = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(bank, i)))
console.log('after 20 sign-ups', await mb())
for (let round = 0; round < 10; round++) {
  await Promise.all(learners.map(async (l) => { const { transferId, uuid } = await sendTransfer(bank, l); await bank.control.approve(uuid); await untilShown(l, transferId, 'approved') }))
  console.log('after', (round + 1) * 20, 'transfers', await mb())
}
await app.stop()
