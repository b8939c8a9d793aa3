import type { FC, PropsWithChildren } from 'hono/jsx'

export interface ActionLinkProps {
  href: string
  /** The main thing to do on the page. */
  primary?: boolean
  /** Opens in a new tab (the phone page). */
  newTab?: boolean
  id?: string
}

/**
 * A link that looks like a button, on its own line.
 *
 * @example
 * <ActionLink href="/transfers/new" primary>Make a transfer</ActionLink>
 */
export const ActionLink: FC<PropsWithChildren<ActionLinkProps>> = (props) => (
  <p class="actions" id={props.id}>
    <a
      class={props.primary ? 'button button-primary' : 'button'}
      href={props.href}
      target={props.newTab ? '_blank' : undefined}
      rel={props.newTab ? 'noopener noreferrer' : undefined}
    >
      {props.children}
    </a>
  </p>
)
