import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * scrypt's cost: about 60 ms a hash, so guessing is slow and signing in is not. Its working memory
 * (128 · N · r = 32 MiB) is what the C library always hands back to the system after the hash;
 * with N = 2^14 (16 MiB) glibc kept each thread's buffer, and a room's sign-ups grew the app by
 * 70 MB for good.
 */
const COST: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_BYTES = 32

/**
 * A slow salted hash of a password, as stored: `scrypt$N$r$p$salt$hash` (salt and hash base64url).
 *
 * @example
 * const passwordHash = await hashPassword('correct horse battery')
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await derive(password, salt, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

/**
 * Does this password match the stored hash? In constant time, and as slowly for an account with no
 * password (or none at all) as for one with, so the time taken never tells which.
 *
 * @example
 * if (await passwordMatches(form.password, user?.passwordHash ?? null)) signIn(user)
 */
export async function passwordMatches(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? []
  const [kind, n, r, p, salt, hash] = parts
  const wellFormed = parts.length === 6 && kind === 'scrypt' && salt && hash
  const cost = wellFormed ? { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem } : COST
  const expected = wellFormed ? Buffer.from(hash, 'base64url') : randomBytes(KEY_BYTES)
  const actual = await derive(password, wellFormed ? Buffer.from(salt, 'base64url') : randomBytes(16), cost)
  return Boolean(wellFormed) && actual.length === expected.length && timingSafeEqual(actual, expected)
}

function derive(password: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, cost, (error, key) =>
      error ? reject(error) : resolve(key)
    )
  })
}
