import type { FC } from 'hono/jsx'
import { MAX_LENGTH } from '../forms/field-limits.js'
import { Field, fieldToFocus } from './field.js'
import { FormCard } from './form-card.js'
import { Layout, type LayoutProps } from './layout.js'
import { Notice } from './notice.js'

export interface SignInPageProps extends Omit<LayoutProps, 'title'> {
  csrfToken: string
  values: { email: string }
  errors: { email?: string | undefined; password?: string | undefined; form?: string | undefined }
  notice?: string | undefined
}

/**
 * Sign in: the email and the password; the phone then approves (or a code does).
 *
 * @example
 * <SignInPage variant="solution" csrfToken={token} values={{ email: '' }} errors={{}} />
 */
export const SignInPage: FC<SignInPageProps> = (props) => {
  const focus = fieldToFocus(['email', 'password'], props.errors)
  return (
    <Layout {...props} title="Sign in">
      <section class="intro">
        <p class="eyebrow">Sign in</p>
        <h1>Sign in to OneTouch Bank</h1>
        <p class="lead">Your password first; then your phone approves the sign-in.</p>
      </section>
      <Notice text={props.notice} />
      <FormCard
        action="/login"
        csrfToken={props.csrfToken}
        error={props.errors.form}
        submitLabel="Sign in"
      >
        <Field
          name="email"
          autofocus={focus === 'email'}
          label="Email"
          type="email"
          inputMode="email"
          autocomplete="username"
          value={props.values.email}
          error={props.errors.email}
          maxLength={MAX_LENGTH.email}
        />
        <Field
          name="password"
          autofocus={focus === 'password'}
          label="Password"
          type="password"
          autocomplete="current-password"
          value=""
          error={props.errors.password}
          maxLength={MAX_LENGTH.password}
        />
      </FormCard>
      <p class="aside">
        New here? <a href="/">Sign up</a>. Signed up before the bank had passwords? Sign up again
        with the same email to choose one.
      </p>
    </Layout>
  )
}
