// Run as a child process with --expose-gc: hashes `rounds` × 8 passwords at once, as a room
// signing up does, and prints the resident memory (MB) before and after, each after full
// collections.
import { hashPassword } from '../../../shared/bank/domain/passwords.js'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('Run with --expose-gc.')
const residentMb = () => {
  gc()
  gc()
  return process.memoryUsage().rss / 1024 / 1024
}

await hashPassword('fills the thread pool once')
const before = residentMb()
for (let round = 0; round < Number(process.argv[2] ?? 3); round++) {
  await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`password number ${i}`)))
}
console.log(JSON.stringify({ before, after: residentMb() }))
