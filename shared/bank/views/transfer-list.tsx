import type { FC } from 'hono/jsx'
import type { Transfer } from '../../model/transfer.js'
import { formatDollars } from '../../model/money.js'
import { utcText } from '../../runtime/utc-text.js'
import { StatusBadge } from './status-badge.js'

/**
 * The signed-in user's transfers, newest first, each linking to its page.
 *
 * @example
 * <TransferList transfers={store.transfersOf(user.id)} />
 */
export const TransferList: FC<{ transfers: Transfer[]; currentId?: string }> = (props) => {
  if (props.transfers.length === 0) {
    return <p class="empty">No transfers yet. Your transfers appear here.</p>
  }
  return (
    <ul class="transfer-list">
      {props.transfers.map((transfer) => (
        <li class={transfer.id === props.currentId ? 'current' : undefined}>
          <a href={`/transfers/${transfer.id}`}>
            <span class="transfer-to">{transfer.recipientEmail}</span>
            <span class="transfer-when">
              <time datetime={transfer.createdAt}>{utcText(transfer.createdAt)}</time>
            </span>
            <span class="transfer-amount">{formatDollars(transfer.amountCents)}</span>
            <StatusBadge status={transfer.status} id={`status-of-${transfer.id}`} />
          </a>
        </li>
      ))}
    </ul>
  )
}
