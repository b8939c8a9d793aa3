import { beforeAll, describe, expect, it } from 'vitest'
import { AuthyError } from '../../shared/authy/index.js'
import { authyFieldErrors, readRegisterForm } from '../../shared/bank/forms/register-form.js'
import { REPEATED_FIELD } from '../../shared/bank/forms/form-text.js'
import { amountProblem, readTransferForm } from '../../shared/bank/forms/transfer-form.js'
import { useTestBank } from './support/bank-harness.js'
import type { Visitor } from './support/visitor.js'

// Matrix row 14: every one of these gets a message saying how to write the amount.
const BAD_AMOUNTS: [string, RegExp][] = [
  ['-5', /more than zero: leave out the minus sign/],
  ['0', /more than \$0\.00/],
  ['0.001', /at most two decimals/],
  ['1e309', /plain digits, e\.g\. 1000, not 1e3/],
  ['NaN', /number of dollars in plain digits/],
  ['Infinity', /number of dollars in plain digits/],
  ['0x10', /number of dollars in plain digits/],
  ['', /Enter an amount in US dollars/],
  [' ', /Enter an amount in US dollars/],
  ['10abc', /number of dollars in plain digits/],
  ['1,000', /Leave out the thousands separator: write 1000/],
  ['99999999999999999999', /at most \$10,000\.00/],
  ['10000.01', /at most \$10,000\.00/],
]

describe('amountProblem', () => {
  it.each(BAD_AMOUNTS)('explains what is wrong with %j', (amount, message) => {
    expect(amountProblem(amount)).toMatch(message)
  })

  it.each(['10', '10.5', '10.50', '$ 12.34', '10000', '0.01'])('accepts %j', (amount) => {
    expect(amountProblem(amount)).toBeUndefined()
  })
})

describe('readTransferForm', () => {
  const valid = {
    recipient_email: 'bob@example.com',
    account_number: '12345678',
    amount: '10.50',
    request_id: 'abcdefghijklmnopqrstuv',
  }

  it('reads a valid form into whole cents', () => {
    expect(readTransferForm(valid).data).toEqual({
      recipientEmail: 'bob@example.com',
      accountNumber: '12345678',
      amountCents: 1050,
      requestId: 'abcdefghijklmnopqrstuv',
    })
  })

  it.each([
    ['abc123', /digits only/],
    ['12 34', /digits only/],
    ['123', /4 to 17 digits/],
    ['123456789012345678', /4 to 17 digits/],
  ])('refuses the account number %j', (account, message) => {
    expect(readTransferForm({ ...valid, account_number: account }).errors.account_number).toMatch(
      message
    )
  })

  it.each([
    ['bob@example.com\u202e', /invisible or text-direction/],
    ['bob\u0000@example.com', /invisible or text-direction/],
    ['bob@exa\u2066mple.com', /invisible or text-direction/],
    ['not-an-email', /whole email address/],
    [`${'a'.repeat(10_000)}@example.com`, /128 characters at most/],
  ])('refuses the recipient %j', (recipient, message) => {
    expect(
      readTransferForm({ ...valid, recipient_email: recipient }).errors.recipient_email
    ).toMatch(message)
  })

  it('replaces a missing one-time id and asks to send the form again', () => {
    const form = readTransferForm({ ...valid, request_id: '' })
    expect(form.data).toBeUndefined()
    expect(form.errors.form).toMatch(/out of date/)
    expect(form.values.request_id).toMatch(/^[\w-]{16,}$/)
  })

  it('refuses a field sent more than once, saying so on that field', () => {
    const form = readTransferForm({ ...valid, amount: ['1', '2'] })
    expect(form.data).toBeUndefined()
    expect(form.errors.amount).toBe(REPEATED_FIELD)
  })
})

describe('readRegisterForm', () => {
  const valid = {
    email: 'ada@example.com',
    password: 'correct horse battery staple',
    country_code: '+44',
    phone_number: '(020) 7946-0958',
  }

  it('reads a valid form, with the country code as digits', () => {
    expect(readRegisterForm(valid).data).toEqual({
      email: 'ada@example.com',
      password: 'correct horse battery staple',
      countryCode: '44',
      phoneNumber: '(020) 7946-0958',
    })
  })

  it.each([
    ['country_code', '', /1 for the US and Canada, 44 for the UK/],
    ['country_code', 'UK', /digits only: 1 for the US and Canada, 44 for the UK/],
    ['country_code', '0', /digits only/],
    ['phone_number', '+1 555 123 4567', /Leave out the \+ and the country code/],
    ['phone_number', '555-CALL-NOW', /Use digits only/],
    ['phone_number', '12', /4 to 15 digits/],
    ['phone_number', '', /without the country code/],
    ['email', 'ada', /whole email address/],
    ['email', '', /Enter your email address/],
    ['country_code', '999', /No country has the calling code \+999/],
    ['phone_number', '7946', /too short for \+44/],
    ['phone_number', '020 7946 0958 1234', /too long for \+44/],
    ['email', '🐱😀@example.com', /Before the @, use only letters a to z.*\(not 🐱 😀\)/],
    ['email', 'ada@example', /After the @, enter a domain such as example\.com/],
    ['email', 'ada lovelace@example.com', /Leave out the spaces/],
  ])('explains a wrong %s %j', (field, value, message) => {
    const errors = readRegisterForm({ ...valid, [field]: value }).errors as Record<string, string>
    expect(errors[field]).toMatch(message)
  })

  it('says once that spaces and dashes are fine, not twice', () => {
    const errors = readRegisterForm({ ...valid, phone_number: '555-CALL-NOW' }).errors
    expect(errors.phone_number!.match(/are fine/g)).toHaveLength(1)
  })

  it('accepts the workshop’s fictional 555 numbers, which have the length of a US number', () => {
    expect(readRegisterForm({ ...valid, country_code: '1', phone_number: '555 123 4567' }).data)
      .toBeDefined()
  })
})

describe('authyFieldErrors', () => {
  it('puts Authy’s cellphone and country code errors on the form’s fields', () => {
    const error = new AuthyError({
      kind: 'api',
      status: 400,
      message: 'User was not valid',
      fieldErrors: { cellphone: 'is invalid', country_code: 'is not supported' },
    })
    expect(authyFieldErrors(error)).toEqual({
      phone_number: expect.stringMatching(
        /^Authy says the cellphone is invalid\. Check the number/
      ),
      country_code: expect.stringMatching(
        /^Authy says the country code is not supported\. Check the country code/
      ),
    })
  })

  it('gives nothing for errors that are not about a field', () => {
    expect(authyFieldErrors(new Error('boom'))).toEqual({})
  })
})

describe('the forms in the app', () => {
  const bank = useTestBank({ inProcess: true })
  let ada: Visitor
  beforeAll(async () => {
    ada = bank().visitor()
    await ada.register()
  })

  it.each(BAD_AMOUNTS)(
    'answers the amount %j with 400 and its message, storing nothing',
    async (amount, message) => {
      const reply = await ada.sendTransfer({ amount })
      expect(reply.status).toBe(400)
      expect(reply.body).toMatch(message)
      expect(reply.body).toContain('aria-invalid="true"')
      expect(bank().store.transfersWithStatus('pending')).toEqual([])
      expect(bank().store.transfersWithStatus('sending')).toEqual([])
    }
  )

  it('keeps what was typed and the same one-time id when the form comes back', async () => {
    const requestId = await ada.requestId()
    const reply = await ada.sendTransfer({
      amount: 'ten',
      recipient_email: 'carol@example.com',
      request_id: requestId,
    })
    expect(reply.body).toContain('value="carol@example.com"')
    expect(reply.body).toContain(`value="${requestId}"`)
  })

  it('answers a form with a field sent twice with 400 and that field’s message, storing nothing', async () => {
    const body = new URLSearchParams({
      recipient_email: 'bob@example.com',
      account_number: '12345678',
      request_id: await ada.requestId(),
      csrf_token: await ada.csrfToken(),
    })
    body.append('amount', '1')
    body.append('amount', '2')
    const reply = await ada.raw(
      'POST',
      '/transfers',
      { origin: bank().url, 'content-type': 'application/x-www-form-urlencoded' },
      body.toString()
    )
    expect(reply.status).toBe(400)
    expect(reply.body).toMatch(
      /<p class="field-error" id="amount-error" role="alert">This field was sent more than once/
    )
    expect(bank().store.transfersWithStatus('pending')).toEqual([])
  })

  it('answers bad register fields with 400 and a message per field', async () => {
    const reply = await bank().visitor().register({
      email: 'nope',
      country_code: 'UK',
      phone_number: '+44 20',
    })
    expect(reply.status).toBe(400)
    expect(reply.body).toContain('Enter a whole email address')
    expect(reply.body).toContain('1 for the US and Canada, 44 for the UK')
    expect(reply.body).toContain('Leave out the + and the country code')
  })

  it('puts Authy’s "cellphone is invalid" on the phone field', async () => {
    await bank().sandbox!.control.addFault({
      method: 'POST',
      path: '/protected/json/users/new',
      status: 400,
      body: {
        message: 'User was not valid',
        success: false,
        errors: { message: 'User was not valid', cellphone: 'is invalid' },
        cellphone: 'is invalid',
        error_code: '60027',
      },
    })
    const reply = await bank().visitor().register({ phone_number: '555 999 0000' })
    expect(reply.status).toBe(400)
    expect(reply.body).toMatch(
      /<p class="field-error" id="phone_number-error" role="alert">Authy says the cellphone is invalid/
    )
  })

  it('says what to do when Authy cannot be reached to register', async () => {
    await bank().sandbox!.control.addFault({
      method: 'POST',
      path: '/protected/json/users/new',
      status: 503,
    })
    const reply = await bank().visitor().register({ phone_number: '555 999 0001' })
    expect(reply.status).toBe(503)
    expect(reply.body).toContain('Authy could not register you: Service unavailable')
    expect(reply.body).toContain('Try again in a moment')
  })
})
