import { HTTPException } from 'hono/http-exception'
import type { BankContext } from './bank-env.js'

/**
 * The posted form, every field as sent: a field sent more than once comes as a list, for the form
 * readers to refuse. A body that cannot be read (multipart without a boundary, garbage) is a 400,
 * which the error pages explain.
 *
 * @example
 * const form = readTransferForm(await readForm(c))
 */
export async function readForm(c: BankContext): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody({ all: true })
  } catch (error) {
    throw new HTTPException(400, { message: 'form-unreadable', cause: error })
  }
}
