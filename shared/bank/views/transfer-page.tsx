import type { FC } from 'hono/jsx'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import type { StepLocation } from '../../steps/locate-step.js'
import { transferView } from './transfer-view.js'
import { ActionLink } from './action-link.js'
import { Layout, type LayoutProps } from './layout.js'
import { StatusBadge } from './status-badge.js'
import { StepMissing } from './step-missing.js'
import { TransferDetails } from './transfer-details.js'
import { TransferList } from './transfer-list.js'

export interface TransferPageProps extends Omit<
  LayoutProps,
  'title' | 'script' | 'refreshSeconds'
> {
  user: User
  transfer: Transfer
  transfers: Transfer[]
  /** The step to explain, when the transfer is held up by an unwritten step. */
  missingStep: StepLocation | undefined
  /** The server's clock, so the countdown is right even if the browser's clock is not. */
  now: number
  /** The user's sandbox phone page, offered while the transfer waits. */
  phoneUrl?: string | undefined
  /** In a room: why callbacks cannot reach this app, so polling does the work. */
  callbackNotice?: string | undefined
}

/**
 * One transfer: "Waiting for approval on your phone" with a live countdown while pending, then the
 * result (approved, denied, expired or failed) with the transaction details. A small script
 * follows the status live (telling screen readers each decision once, never the countdown's
 * ticks); without JavaScript the page refreshes itself while waiting.
 *
 * @example
 * <TransferPage variant="solution" user={user} transfer={t} transfers={list} missingStep={undefined} now={Date.now()} />
 */
export const TransferPage: FC<TransferPageProps> = (props) => {
  const { transfer, user } = props
  const view = transferView(transfer)
  return (
    <Layout
      {...props}
      title={view.headline}
      script={view.final ? undefined : '/assets/live-status.js'}
      refreshSeconds={view.final ? undefined : 3}
    >
      <section
        id="transfer"
        class={`transfer transfer-${view.status}`}
        data-events-url={`/transfers/${transfer.id}/events`}
        data-expires-at={view.expiresAt ?? ''}
        data-server-now={String(props.now)}
        data-final={String(view.final)}
      >
        <div class="status-line">
          <StatusBadge status={transfer.status} id="status-badge" />
          <p
            id="countdown"
            class="countdown"
            role="timer"
            aria-live="off"
            hidden={view.final || !view.expiresAt}
          >
            Expires in <span id="countdown-time">{countdownText(view.expiresAt, props.now)}</span>
          </p>
        </div>
        <h1 id="headline" tabindex={-1}>
          {view.headline}
        </h1>
        <p id="summary" class="lead">
          {view.summary}
        </p>
        {props.phoneUrl && !view.final ? (
          <ActionLink id="phone-link" href={props.phoneUrl} newTab>
            Open your phone page
          </ActionLink>
        ) : null}
        {props.callbackNotice ? (
          <p id="callback-notice" class="hint">
            {props.callbackNotice}
          </p>
        ) : null}
        <p id="problem" class="problem" hidden={!view.problem}>
          {view.problem ?? ''}
        </p>
        <p id="kitten" class="kitten" hidden={transfer.status !== 'approved'}>
          <span aria-hidden="true">🐱</span> A free kitten with every approved transfer!
        </p>
        {props.missingStep ? (
          <div class="card">
            <StepMissing location={props.missingStep} headingLevel={2} />
          </div>
        ) : null}
        <section class="card">
          <h2>Transaction details</h2>
          <TransferDetails transfer={transfer} user={user} />
        </section>
      </section>
      <ActionLink href="/transfers/new" primary>
        Make another transfer
      </ActionLink>
      <section class="history">
        <h2>Your transfers</h2>
        <TransferList transfers={props.transfers} currentId={transfer.id} />
      </section>
    </Layout>
  )
}

function countdownText(expiresAt: string | null, now: number): string {
  if (!expiresAt) return ''
  const seconds = Math.max(0, Math.round((Date.parse(expiresAt) - now) / 1000))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
