import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { locateStep, type AppFolder } from '../../steps/locate-step.js'
import { StepFailedError, isStepNotDone } from '../../steps/run-step.js'
import {
  errorLineIn,
  messageOf,
  stepFailedText,
  stepNotDoneText,
} from '../../steps/step-messages.js'
import { ErrorPage } from '../views/error-page.js'
import { StepFailedPage } from '../views/step-failed-page.js'
import { StepMissingPage } from '../views/step-missing-page.js'
import type { BankContext, BankEnv } from './bank-env.js'
import { frame, render } from './render.js'

/** What an error page says: what happened, and where to go from here. */
export interface ErrorText {
  title: string
  message: string
  next?: { href: string; label: string }
}

/** The bank's error pages, by HTTP status. */
export const ERROR_PAGES: Readonly<Record<number, ErrorText>> = {
  400: {
    title: 'This form could not be read',
    message:
      'The browser sent it in a shape the bank cannot read. Go back, reload the page and send it again.',
  },
  401: {
    title: 'Sign in first',
    message: 'Sign in (or sign up) to see your account and make transfers.',
    next: { href: '/login', label: 'Sign in' },
  },
  403: {
    title: 'This form cannot be accepted',
    message:
      'It is out of date or was sent from another site. Go back, reload the page and send it again.',
  },
  404: {
    title: 'Transfer not found',
    message:
      'There is no transfer at this address for you. Transfers are visible only in the browser that made them.',
    next: { href: '/transfers/new', label: 'Your transfers' },
  },
  500: {
    title: 'Something went wrong',
    message:
      'The bank hit an unexpected error. The details are in the terminal that runs the app. Try again.',
  },
}

const PAGE_NOT_FOUND: ErrorText = {
  title: 'Page not found',
  message: 'There is nothing at this address.',
}

/**
 * Sends the error page for a status: the table's text, or the one given.
 *
 * @example
 * return errorPage(c, 429, { title: 'Too many transfers waiting', message: '…' })
 */
export function errorPage(
  c: BankContext,
  status: number,
  text: ErrorText = ERROR_PAGES[status] ?? ERROR_PAGES[500]!
): Promise<Response> {
  return render(c, <ErrorPage {...frame(c)} {...text} />, status)
}

/**
 * The bank's not-found handler: a page, never a bare 404.
 *
 * @example
 * app.notFound(notFoundPage)
 */
export const notFoundPage: NotFoundHandler<BankEnv> = (c) => errorPage(c, 404, PAGE_NOT_FOUND)

/**
 * The bank's error handler: a step not written yet gets its step page (501), a step that threw
 * gets the step and its line (500), an HTTP error its page from the table, and anything else a
 * plain apology, its details in the terminal only. Never a stack trace in a page.
 *
 * @example
 * app.onError(handleErrors({ app: config, log }))
 */
export function handleErrors(options: {
  app: AppFolder
  log: (line: string) => void
}): ErrorHandler<BankEnv> {
  return async (error, c) => {
    const where = `${c.req.method} ${c.req.path}`
    if (isStepNotDone(error) || error instanceof StepFailedError) {
      return stepProblemPage(c, options, error, where)
    }
    // Signed out, or only half signed in: a page load goes to the sign-in page.
    if (error instanceof HTTPException && error.status === 401 && isPageLoad(c)) {
      return c.redirect('/login', 303)
    }
    if (error instanceof HTTPException) {
      const text = ERROR_PAGES[error.status] ?? { ...ERROR_PAGES[500]!, message: error.message }
      return errorPage(c, error.status, text)
    }
    options.log(`${where}: unexpected error: ${(error as Error).stack ?? messageOf(error)}`)
    return errorPage(c, 500)
  }
}

/**
 * The page for a step that is not written yet (501) or that threw (500), logged as one line.
 *
 * @example
 * return stepProblemPage(c, { app: config, log }, error, 'POST /transfers')
 */
export function stepProblemPage(
  c: BankContext,
  options: { app: AppFolder; log: (line: string) => void },
  error: StepFailedError | { step: Parameters<typeof locateStep>[1] },
  where: string
): Promise<Response> {
  const location = locateStep(options.app, error.step)
  const backHref = formOf(c.req.path)
  if (!(error instanceof StepFailedError)) {
    options.log(`${where}: ${stepNotDoneText(location)}.`)
    return render(c, <StepMissingPage {...frame(c)} location={location} backHref={backHref} />, 501)
  }
  options.log(`${where}: ${stepFailedText(location, error.error)}`)
  return render(
    c,
    <StepFailedPage
      {...frame(c)}
      location={location}
      errorLine={errorLineIn(error.error, location.file)}
      message={messageOf(error.error)}
      backHref={backHref}
    />,
    500
  )
}

// A browser loading a page (not a script's request, not a form post, not a live stream).
function isPageLoad(c: BankContext): boolean {
  const accept = c.req.header('accept')
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && (!accept || accept.includes('text/html'))
}

// The form a failed request came from, to go back to.
function formOf(path: string): string {
  if (path.startsWith('/transfers')) return '/transfers/new'
  if (path.startsWith('/login')) return '/login'
  if (path.startsWith('/verify')) return '/verify'
  return '/'
}
