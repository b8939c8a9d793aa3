// The main pages of the bank and the phone page, each reached over HTTP by a new visitor, for the
// page tests that go through them all (layout, focus rings).
import { PASSWORD, type Visitor } from './visitor.js'
import { transferById, waitFor, type TestBank } from './bank-harness.js'
import { pendingRequest, phoneUrlOf } from './browser-pages.js'

/** A page to show: its address, and the visitor whose browser it is (none: signed out). */
export interface Shown {
  url: string
  visitor?: Visitor
}

/**
 * The main pages by name, each reached by a new visitor (signed up, a transfer sent, a sign-in
 * waiting…), ready to open in a tab with `tabAs(browser, bank, shown.visitor)`.
 *
 * @example
 * const pages = mainPages(bank)
 * const { url, visitor } = await pages['transfer-pending']!()
 */
export function mainPages(bank: () => TestBank): Record<string, () => Promise<Shown>> {
  let users = 0
  const nextEmail = () => `page${++users}@example.com`
  const onBank = (path: string, visitor?: Visitor): Shown => ({
    url: `${bank().url}${path}`,
    visitor,
  })

  async function newUser(options: { app?: boolean } = {}) {
    const email = nextEmail()
    const visitor = bank().visitor()
    await visitor.register({ email, phone_number: `555 340 ${1000 + users}` })
    if (options.app) {
      await bank().sandbox!.control.setDevice(bank().store.findUserByEmail(email)!.authyId!, true)
    }
    return { visitor, email }
  }

  async function waitingSignIn() {
    const user = await newUser({ app: true })
    user.visitor.forgetCookies()
    await user.visitor.signIn(user.email)
    return user
  }

  return {
    'sign-up': async () => onBank('/'),
    verify: async () => {
      const visitor = bank().visitor()
      await visitor.post('/register', {
        email: nextEmail(),
        password: PASSWORD,
        country_code: '44',
        phone_number: '7700 900123',
      })
      return onBank('/verify', visitor)
    },
    account: async () => onBank('/account', (await newUser()).visitor),
    'transfer-form': async () => {
      const { visitor } = await newUser()
      await visitor.sendTransfer({ recipient_email: 'a.very.long.recipient.name@example.com' })
      return onBank('/transfers/new', visitor)
    },
    'transfer-pending': async () => {
      const { visitor } = await newUser()
      const { transferId } = await visitor.sendTransfer()
      return onBank(`/transfers/${transferId}`, visitor)
    },
    'transfer-approved': async () => {
      const { visitor } = await newUser()
      const { transferId } = await visitor.sendTransfer()
      await bank().sandbox!.control.approve(transferById(bank(), transferId!)!.approvalUuid!)
      await waitFor(() => transferById(bank(), transferId!)!.status === 'approved', 'approval')
      return onBank(`/transfers/${transferId}`, visitor)
    },
    'sign-in': async () => onBank('/login'),
    'sign-in-waiting': async () => onBank('/login/wait', (await waitingSignIn()).visitor),
    'sign-in-fallback': async () => {
      const { visitor, email } = await waitingSignIn()
      await bank().sandbox!.control.deny(await pendingRequest(bank(), email, 'sign in'))
      const { id } = bank().store.findUserByEmail(email)!
      const denied = () => bank().store.signInsWithStatus('denied')
      await waitFor(() => denied().some((signIn) => signIn.userId === id), 'the denial')
      return onBank('/login/wait', visitor)
    },
    'page-not-found': async () => onBank('/no-such-page'),
    phone: async () => {
      const { visitor, email } = await newUser({ app: true })
      await visitor.sendTransfer({ recipient_email: 'a.very.long.recipient.name@example.com' })
      return { url: await phoneUrlOf(bank(), email) }
    },
  }
}
