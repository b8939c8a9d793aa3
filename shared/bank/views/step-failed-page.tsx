import type { FC } from 'hono/jsx'
import type { StepLocation } from '../../steps/locate-step.js'
import { ActionLink } from './action-link.js'
import { Layout, type LayoutProps } from './layout.js'

/**
 * The page for a step that threw an error of its own (a bug in the step): which step, which file
 * and line, and the error's message.
 *
 * @example
 * <StepFailedPage variant="workshop" location={location} errorLine={12} message="TypeError: …" backHref="/" />
 */
export const StepFailedPage: FC<
  Omit<LayoutProps, 'title'> & {
    location: StepLocation
    errorLine: number | undefined
    message: string
    backHref: string
  }
> = (props) => {
  const { guide, file } = props.location
  return (
    <Layout {...props} title={`Step ${guide.step} failed`}>
      <section class="card error-card">
        <p class="eyebrow">
          Workshop step {guide.step}: {guide.title}
        </p>
        <h1>Step {guide.step} threw an error</h1>
        <p class="lead">
          The code in <code>{file}</code>
          {props.errorLine ? ` (line ${props.errorLine})` : ''} failed with:
        </p>
        <pre class="error-message">{props.message}</pre>
        <h3>What to do next</h3>
        <ol class="next-steps">
          <li>
            Fix the code in <code>{file}</code> and save it.
          </li>
          <li>
            <code>{`npm run hint -- ${guide.step}`}</code> shows a hint; <code>npm run check</code>{' '}
            checks the step.
          </li>
          <li>Then go back and try again.</li>
        </ol>
      </section>
      <ActionLink href={props.backHref}>Back to the form</ActionLink>
    </Layout>
  )
}
