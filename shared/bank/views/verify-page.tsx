import type { FC } from 'hono/jsx'
import { ActionLink } from './action-link.js'
import { CodeForm, PostButton } from './code-form.js'
import { Layout, type LayoutProps } from './layout.js'
import { Notice } from './notice.js'

export interface VerifyPageProps extends Omit<LayoutProps, 'title'> {
  csrfToken: string
  /** The phone the code went to, its last digits hidden: `+1 201 555 …`. */
  phone: string
  errors: { code?: string | undefined; form?: string | undefined }
  /** What just happened: a new code sent, or why it was not. */
  notice?: string | undefined
  /** The sandbox phone page, where the code arrives in the workshop. */
  phoneUrl?: string | undefined
}

/**
 * After sign-up: type the code texted to the new phone, or ask for a new one.
 *
 * @example
 * <VerifyPage variant="solution" csrfToken={token} phone="+1 201 555 …" errors={{}} />
 */
export const VerifyPage: FC<VerifyPageProps> = (props) => (
  <Layout {...props} title="Confirm your phone">
    <section class="intro">
      <p class="eyebrow">Sign up · confirm your phone</p>
      <h1>
        Enter the code we sent to <span class="nowrap">{props.phone}</span>
      </h1>
      <p class="lead">
        It shows the phone is yours. Once it is confirmed, transfers and sign-ins go to it.
      </p>
    </section>
    <Notice text={props.notice} />
    <CodeForm
      action="/verify"
      name="code"
      label="Code"
      hint="The digits in the text message, e.g. 1234567"
      csrfToken={props.csrfToken}
      error={props.errors.code}
      formError={props.errors.form}
      submitLabel="Confirm my phone"
    />
    <div class="more-actions">
      <PostButton action="/verify/resend" csrfToken={props.csrfToken} label="Send a new code" />
      {props.phoneUrl ? (
        <ActionLink href={props.phoneUrl} newTab>
          Open your phone page
        </ActionLink>
      ) : null}
    </div>
  </Layout>
)
