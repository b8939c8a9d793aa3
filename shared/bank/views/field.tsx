import type { FC } from 'hono/jsx'

export interface FieldProps {
  name: string
  label: string
  value: string
  error?: string | undefined
  hint?: string
  type?: 'text' | 'email' | 'password'
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text'
  autocomplete?: string
  /** Shown inside the box before the input, e.g. `+` or `$`. */
  prefix?: string
  placeholder?: string
  autofocus?: boolean
  maxLength?: number
}

/**
 * A labelled form input with its hint and, when wrong, the message saying how to fix it.
 *
 * @example
 * <Field name="email" label="Email" value={values.email} error={errors.email} type="email" />
 */
export const Field: FC<FieldProps> = (props) => {
  const hintId = `${props.name}-hint`
  const errorId = `${props.name}-error`
  const describedBy = [props.error ? errorId : '', props.hint ? hintId : '']
    .filter(Boolean)
    .join(' ')
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <div class={props.prefix ? 'input-group' : 'input-plain'}>
        {props.prefix ? <span class="input-prefix">{props.prefix}</span> : null}
        <input
          id={props.name}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value}
          inputmode={props.inputMode}
          autocomplete={props.autocomplete ?? 'off'}
          placeholder={props.placeholder}
          autofocus={props.autofocus}
          maxlength={props.maxLength}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          spellcheck={false}
        />
      </div>
      {props.error ? (
        <p class="field-error" id={errorId} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

/**
 * The field to put the cursor in: the first one that needs fixing, else the first one.
 *
 * @example
 * fieldToFocus(['email', 'phone_number'], { phone_number: 'Enter…' }) // 'phone_number'
 */
export function fieldToFocus<F extends string>(
  fields: F[],
  errors: Partial<Record<string, string>>
): F {
  return fields.find((field) => errors[field]) ?? fields[0]!
}
