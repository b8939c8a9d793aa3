import type { FC } from 'hono/jsx'
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
 * The first page: register an email and a cellphone with Authy.
 *
 * @example
 * <RegisterPage variant="solution" csrfToken={token} values={EMPTY} errors={{}} />
 */
export const RegisterPage: FC<RegisterPageProps> = (props) => {
  const focus = fieldToFocus(['email', 'country_code', 'phone_number'], props.errors)
  return (
    <Layout {...props} title="Register">
      <section class="intro">
        <p class="eyebrow">Step 1 · Register</p>
        <h1>Approve every transfer on your phone</h1>
        <p class="lead">
          Register your email and cellphone. Each transfer you make is then sent to your phone, and
          leaves the bank only once you approve it there.
        </p>
      </section>
      <FormCard
        action="/register"
        csrfToken={props.csrfToken}
        error={props.errors.form}
        submitLabel="Register"
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
          maxLength={254}
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
            maxLength={5}
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
            maxLength={32}
          />
        </div>
      </FormCard>
    </Layout>
  )
}
