import { hashPassword } from './shared/bank/domain/passwords.js'
const gc = (globalThis as any).gc
const rss = () => { gc(); gc(); return process.memoryUsage().rss / 1048576 }
await hashPassword('warm up the pool')
const before = rss()
for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`password ${i}`)))
console.log(Math.round(before), Math.round(rss()))
