import type { FC, PropsWithChildren } from 'hono/jsx'

export interface FormCardProps {
  action: string
  /** The session's anti-forgery token, sent back as the hidden `csrf_token` field. */
  csrfToken: string
  /** A message about the whole form, shown above the fields. */
  error?: string | undefined
  submitLabel: string
}

/**
 * A posted form in a card: the form-wide message, the hidden anti-forgery token, the fields and
 * the submit button. The browser's own checks are off: the server's messages say more.
 *
 * @example
 * <FormCard action="/register" csrfToken={token} submitLabel="Register"><Field … /></FormCard>
 */
export const FormCard: FC<PropsWithChildren<FormCardProps>> = (props) => (
  <form class="card form" method="post" action={props.action} novalidate>
    {props.error ? (
      <p class="form-error" role="alert">
        {props.error}
      </p>
    ) : null}
    <input type="hidden" name="csrf_token" value={props.csrfToken} />
    {props.children}
    <button type="submit" class="button button-primary">
      {props.submitLabel}
    </button>
  </form>
)
