import type { FC, PropsWithChildren } from 'hono/jsx'
import { ActionLink } from './action-link.js'
import { Layout, type LayoutProps } from './layout.js'

export interface ErrorPageProps extends Omit<LayoutProps, 'title'> {
  title: string
  /** What happened, in a sentence. */
  message: string
  /** Where to go from here. */
  next?: { href: string; label: string }
}

/**
 * A friendly error page: what happened and where to go. Never a stack trace.
 *
 * @example
 * <ErrorPage variant="solution" title="Page not found" message="There is nothing at this address." />
 */
export const ErrorPage: FC<PropsWithChildren<ErrorPageProps>> = (props) => (
  <Layout {...props}>
    <section class="card error-card">
      <h1>{props.title}</h1>
      <p class="lead">{props.message}</p>
      {props.children}
      <ActionLink href={props.next?.href ?? '/'}>
        {props.next?.label ?? 'Back to the bank'}
      </ActionLink>
    </section>
  </Layout>
)
