import type { FC } from 'hono/jsx'
import type { TransferStatus } from '../../model/transfer.js'
import { statusLabel } from './transfer-view.js'

/**
 * A coloured badge with a transfer's status.
 *
 * @example
 * <StatusBadge status="approved" />
 */
export const StatusBadge: FC<{ status: TransferStatus; id?: string }> = (props) => (
  <span id={props.id} class={`badge badge-${props.status}`} data-status={props.status}>
    {statusLabel(props.status)}
  </span>
)
