import type { FC } from 'hono/jsx'
import { MAX_LENGTH, MIN_PASSWORD } from '../forms/field-limits.js'
import type { RegisterField } from '../forms/register-form.js'
import { Field, fieldToFocus } from './field.js'
import { FormCard } from './form-card.js'
import { Layout, type LayoutProps } from './layout.js'

export interface RegisterPageProps extends Omit<LayoutProps, 'title'> {
  csrfToken: string
  values: Record<RegisterField, string>
  errors: Partial<Record<RegisterField | 'form', string>>
}

/**
 * The first page: sign up with an email, a password and a cellphone (registered with Authy).
 *
 * @example
 * <RegisterPage variant="solution" csrfToken={token} values={EMPTY} errors={{}} />
 */
export const RegisterPage: FC<RegisterPageProps> = (props) => {
  const focus = fieldToFocus(['email', 'password', 'country_code', 'phone_number'], props.errors)
  return (
    <Layout {...props} title="Sign up">
      <section class="intro">
        <p class="eyebrow">Sign up</p>
        <h1>Approve every transfer on your phone</h1>
        <p class="lead">
          Sign up with your email and cellphone. Each transfer you make is then sent to your phone,
          and leaves the bank only once you approve it there.
        </p>
      </section>
      <FormCard
        action="/register"
        csrfToken={props.csrfToken}
        error={props.errors.form}
        submitLabel="Sign up"
      >
        <Field
          name="email"
          autofocus={focus === 'email'}
          label="Email"
          type="email"
          inputMode="email"
          autocomplete="email"
          placeholder="ada@example.com"
          value={props.values.email}
          error={props.errors.email}
          maxLength={MAX_LENGTH.email}
        />
        <Field
          name="password"
          autofocus={focus === 'password'}
          label="Password"
          hint={`At least ${MIN_PASSWORD} characters`}
          type="password"
          autocomplete="new-password"
          value=""
          error={props.errors.password}
          maxLength={MAX_LENGTH.password}
        />
        <div class="field-row">
          <Field
            name="country_code"
            autofocus={focus === 'country_code'}
            label="Country code"
            hint="e.g. 1 (US, Canada), 44 (UK)"
            prefix="+"
            inputMode="numeric"
            placeholder="1"
            value={props.values.country_code}
            error={props.errors.country_code}
            maxLength={MAX_LENGTH.country_code}
          />
          <Field
            name="phone_number"
            autofocus={focus === 'phone_number'}
            label="Cellphone"
            hint="Without the country code, e.g. 555 123 4567"
            inputMode="tel"
            autocomplete="tel-national"
            placeholder="555 123 4567"
            value={props.values.phone_number}
            error={props.errors.phone_number}
            maxLength={MAX_LENGTH.phone_number}
          />
        </div>
      </FormCard>
      <p class="aside">
        Already have an account? <a href="/login">Sign in</a>. Signed up before the bank had
        passwords? Sign up again with the same email to choose one.
      </p>
    </Layout>
  )
}
