import type { FC } from 'hono/jsx'
import type { StepLocation } from '../../steps/locate-step.js'
import { ActionLink } from './action-link.js'
import { Layout, type LayoutProps } from './layout.js'
import { StepMissing } from './step-missing.js'

/**
 * The friendly page (HTTP 501) for a step that is not written yet.
 *
 * @example
 * c.html(<StepMissingPage location={locateStep(app, 1)} variant="workshop" backHref="/" />, 501)
 */
export const StepMissingPage: FC<
  Omit<LayoutProps, 'title'> & { location: StepLocation; backHref: string }
> = (props) => (
  <Layout {...props} title={`Step ${props.location.guide.step} is not done yet`}>
    <div class="card">
      <StepMissing location={props.location} />
    </div>
    <ActionLink href={props.backHref}>Back to the form</ActionLink>
  </Layout>
)
