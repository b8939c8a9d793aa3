// Run as a child process with --expose-gc: hashes `rounds` × 8 passwords at once, as a room
// signing up does, and prints the resident memory (MB) before and after, each after full
// collections and a moment to settle.
import { hashPassword } from '../../../shared/bank/domain/passwords.js'

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('Run with --expose-gc.')
// After the collections, a moment for freed pages to go back (V8 releases some in the background).
const residentMb = async () => {
  gc()
  gc()
  await new Promise((resolve) => setTimeout(resolve, 1000))
  gc()
  return process.memoryUsage().rss / 1024 / 1024
}

await hashPassword('fills the thread pool once')
const before = await residentMb()
for (let round = 0; round < Number(process.argv[2] ?? 3); round++) {
  await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`password number ${i}`)))
}
console.log(JSON.stringify({ before, after: await residentMb() }))
