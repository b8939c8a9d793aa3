import { Hono } from 'hono'
import { isFinal } from '../../model/transfer.js'
import type { User } from '../../model/user.js'
import type { BankAppDeps } from '../bank-deps.js'
import { missingStepOf, sendTransfer } from '../domain/transfers.js'
import { newRequestId, readTransferForm } from '../forms/transfer-form.js'
import { ownTransfer, signedInUser } from '../http/access.js'
import type { BankContext, BankEnv } from '../http/bank-env.js'
import { errorPage, stepProblemPage } from '../http/error-pages.js'
import { readForm } from '../http/read-form.js'
import { frame, render } from '../http/render.js'
import { TransferFormPage } from '../views/transfer-form-page.js'
import { TransferPage } from '../views/transfer-page.js'

type TransferFormValues = Parameters<typeof TransferFormPage>[0]['values']

/**
 * The transfer form (`GET /transfers/new`), sending a transfer (`POST /transfers`: stored, step
 * 2, then its page) and a transfer's page (`GET /transfers/:id`, only for its own browser).
 *
 * @example
 * app.route('/', transferRoutes(deps))
 */
export function transferRoutes(deps: BankAppDeps): Hono<BankEnv> {
  const { config, store } = deps
  const sendDeps = { ...deps, app: config, secondsToExpire: config.secondsToExpire }
  const formPage = (
    c: BankContext,
    user: User,
    form: { values: TransferFormValues; errors: Record<string, string | undefined> },
    status = 200
  ) =>
    render(
      c,
      <TransferFormPage
        {...frame(c)}
        user={user}
        values={form.values}
        errors={form.errors}
        transfers={store.transfersOf(user.id)}
      />,
      status
    )

  return new Hono<BankEnv>()
    .get('/transfers', (c) => c.redirect('/transfers/new', 303))
    .get('/transfers/new', async (c) => {
      const user = signedInUser(c)
      const blank = { recipient_email: '', account_number: '', amount: '', request_id: newRequestId() }
      return formPage(c, user, { values: blank, errors: {} })
    })
    .post('/transfers', async (c) => {
      const user = signedInUser(c)
      const form = readTransferForm(await readForm(c))
      if (!form.data) return formPage(c, user, form, 400)

      const outcome = await sendTransfer(sendDeps, user, form.data)
      switch (outcome.kind) {
        case 'too-many-pending':
          return errorPage(c, 429, {
            title: 'Too many transfers waiting',
            message:
              `You already have ${outcome.waiting} transfers waiting for approval on your phone. ` +
              'Approve, deny or let them expire before sending another: a flood of requests is ' +
              'how people get tricked into approving one.',
            next: { href: '/transfers/new', label: 'Back to your transfers' },
          })
        case 'step-missing':
        case 'step-failed':
          return stepProblemPage(c, { app: config, log: deps.log }, outcome.error, 'POST /transfers')
        default:
          return c.redirect(`/transfers/${outcome.transfer.id}`, 303)
      }
    })
    .get('/transfers/:id', async (c) => {
      const { user, transfer } = ownTransfer(c, deps)
      const phoneUrl =
        deps.sandbox && !isFinal(transfer.status)
          ? await deps.sandbox.phoneUrl(user).catch(() => undefined)
          : undefined
      return render(
        c,
        <TransferPage
          {...frame(c)}
          user={user}
          transfer={transfer}
          transfers={store.transfersOf(user.id)}
          missingStep={missingStepOf(config, transfer)}
          now={deps.clock()}
          phoneUrl={phoneUrl}
          callbackNotice={isFinal(transfer.status) ? undefined : await deps.sandbox?.callbackNotice?.()}
        />
      )
    })
}
