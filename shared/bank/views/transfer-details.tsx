import type { FC } from 'hono/jsx'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import { formatDollars } from '../../model/money.js'
import { transferView } from './transfer-view.js'

/**
 * What is being approved, exactly as it goes to the phone: From, To, Account Number and
 * US Dollar Amount, with the transaction id (the approval request's uuid) and, once final, when it
 * was decided (the live status script fills that row in when the decision arrives).
 *
 * @example
 * <TransferDetails transfer={transfer} user={user} />
 */
export const TransferDetails: FC<{ transfer: Transfer; user: User }> = ({ transfer, user }) => {
  const { decided } = transferView(transfer)
  return (
    <dl class="details">
      <div>
        <dt>Transaction ID</dt>
        <dd class="mono" id="transaction-id">
          {transfer.approvalUuid ?? 'not sent'}
        </dd>
      </div>
      <div id="decided" hidden={!decided}>
        <dt id="decided-label">{decided?.label ?? ''}</dt>
        <dd>
          <time id="decided-at" datetime={decided?.at ?? ''}>
            {decided?.text ?? ''}
          </time>
        </dd>
      </div>
      <div>
        <dt>From</dt>
        <dd>{user.email}</dd>
      </div>
      <div>
        <dt>To</dt>
        <dd>{transfer.recipientEmail}</dd>
      </div>
      <div>
        <dt>Account Number</dt>
        <dd class="mono">{transfer.accountNumber}</dd>
      </div>
      <div>
        <dt>US Dollar Amount</dt>
        <dd class="amount">{formatDollars(transfer.amountCents)}</dd>
      </div>
    </dl>
  )
}
