import type { FC } from 'hono/jsx'
import type { Transfer } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import { formatDollars, MAX_AMOUNT_CENTS } from '../../model/money.js'
import { MAX_LENGTH } from '../forms/field-limits.js'
import type { TransferField } from '../forms/transfer-form.js'
import { Field, fieldToFocus } from './field.js'
import { FormCard } from './form-card.js'
import { Layout, type LayoutProps } from './layout.js'
import { TransferList } from './transfer-list.js'

export interface TransferFormPageProps extends Omit<LayoutProps, 'title'> {
  user: User
  csrfToken: string
  values: Record<TransferField | 'request_id', string>
  errors: Partial<Record<TransferField | 'request_id' | 'form', string>>
  transfers: Transfer[]
}

/**
 * The transfer form, with the user's past transfers under it.
 *
 * @example
 * <TransferFormPage variant="solution" user={user} csrfToken={token} values={values} errors={{}} transfers={[]} />
 */
export const TransferFormPage: FC<TransferFormPageProps> = (props) => {
  const focus = fieldToFocus(['recipient_email', 'account_number', 'amount'], props.errors)
  return (
    <Layout {...props} title="Send money">
      <section class="intro">
        <p class="eyebrow">Step 2 · Transfer</p>
        <h1>Send money</h1>
        <p class="lead">
          The transfer goes to your phone first: it leaves the bank only once you approve it there.
        </p>
      </section>
      <FormCard
        action="/transfers"
        csrfToken={props.csrfToken}
        error={props.errors.form}
        submitLabel="Send for approval"
      >
        <input type="hidden" name="request_id" value={props.values.request_id} />
        <Field
          name="recipient_email"
          autofocus={focus === 'recipient_email'}
          label="Recipient email"
          type="email"
          inputMode="email"
          placeholder="bob@example.com"
          value={props.values.recipient_email}
          error={props.errors.recipient_email}
          maxLength={MAX_LENGTH.recipient_email}
        />
        <div class="field-row">
          <Field
            name="account_number"
            autofocus={focus === 'account_number'}
            label="Account number"
            hint="Digits only, 4 to 17"
            inputMode="numeric"
            placeholder="12345678"
            value={props.values.account_number}
            error={props.errors.account_number}
            maxLength={MAX_LENGTH.account_number}
          />
          <Field
            name="amount"
            autofocus={focus === 'amount'}
            label="Amount (US dollars)"
            hint={`Up to ${formatDollars(MAX_AMOUNT_CENTS)}, e.g. 10.50`}
            prefix="$"
            inputMode="decimal"
            placeholder="10.00"
            value={props.values.amount}
            error={props.errors.amount}
            maxLength={MAX_LENGTH.amount}
          />
        </div>
      </FormCard>
      <section class="history">
        <h2>Your transfers</h2>
        <TransferList transfers={props.transfers} />
      </section>
    </Layout>
  )
}
