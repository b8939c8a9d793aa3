import type { FC } from 'hono/jsx'
import { MAX_LENGTH } from '../forms/field-limits.js'
import { Field } from './field.js'
import { FormCard } from './form-card.js'

/**
 * The form for a code (a confirmation code, a sign-in code): one field, digits.
 *
 * @example
 * <CodeForm action="/verify" name="code" label="Code" csrfToken={token} error={errors.code} submitLabel="Confirm" />
 */
export const CodeForm: FC<{
  action: string
  name: 'code' | 'token'
  label: string
  hint?: string
  csrfToken: string
  error: string | undefined
  formError?: string | undefined
  submitLabel: string
  autofocus?: boolean
}> = (props) => (
  <FormCard
    action={props.action}
    csrfToken={props.csrfToken}
    error={props.formError}
    submitLabel={props.submitLabel}
  >
    <Field
      name={props.name}
      label={props.label}
      hint={props.hint}
      inputMode="numeric"
      autocomplete="one-time-code"
      value=""
      error={props.error}
      autofocus={props.autofocus ?? true}
      maxLength={MAX_LENGTH.code + 4}
    />
  </FormCard>
)

/**
 * A button that posts a form (with the session's token) and nothing else: "Send a new code".
 *
 * @example
 * <PostButton action="/verify/resend" csrfToken={token} label="Send a new code" />
 */
export const PostButton: FC<{ action: string; csrfToken: string; label: string }> = (props) => (
  <form class="post-button" method="post" action={props.action}>
    <input type="hidden" name="csrf_token" value={props.csrfToken} />
    <button type="submit" class="button">
      {props.label}
    </button>
  </form>
)
