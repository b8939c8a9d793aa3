import { HTTPException } from 'hono/http-exception'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import type { BankStore } from '../store/store.js'
import type { BankContext } from './bank-env.js'

/**
 * The signed-in user of this request; anyone else gets the 401 page.
 *
 * @example
 * const user = signedInUser(c)
 */
export function signedInUser(c: BankContext): User {
  const user = c.get('user')
  if (!user) throw new HTTPException(401, { message: 'not-signed-in' })
  return user
}

/**
 * The transfer named in the path, only if it belongs to this browser's user: signed out, the
 * sign-in; signed in as someone else, the 404 page, exactly as for a transfer that does not exist.
 *
 * @example
 * const { user, transfer } = ownTransfer(c, deps)
 */
export function ownTransfer(
  c: BankContext,
  deps: { store: Pick<BankStore, 'getTransfer'> }
): { user: User; transfer: Transfer } {
  const user = signedInUser(c)
  const transfer = deps.store.getTransfer(c.req.param('id') ?? '', user.id)
  if (!transfer) throw new HTTPException(404, { message: 'transfer' })
  return { user, transfer }
}
