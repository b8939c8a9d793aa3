import type { FC } from 'hono/jsx'
import type { StepLocation } from '../../steps/locate-step.js'
import { CodeText } from './code-text.js'

/**
 * What to do about a step that is not written yet: what it teaches, where it is, the first hint
 * and the commands that help.
 *
 * @example
 * <StepMissing location={locateStep(app, 2)} />
 */
export const StepMissing: FC<{ location: StepLocation; headingLevel?: 1 | 2 }> = ({
  location,
  headingLevel,
}) => {
  const { guide, file, line } = location
  const title = `Step ${guide.step} is not done yet: ${guide.title}`
  return (
    <section class="step-missing" aria-labelledby="step-missing-title">
      <p class="eyebrow">Workshop step {guide.step} of 4</p>
      {headingLevel === 2 ? (
        <h2 id="step-missing-title">{title}</h2>
      ) : (
        <h1 id="step-missing-title">{title}</h1>
      )}
      <p class="lead">
        <CodeText text={guide.teaches} />
      </p>
      <dl class="details step-facts">
        <div>
          <dt>Where</dt>
          <dd>
            <code>{file}</code>
            {line ? (
              <>
                , line {line} (the <code>{`// #region step ${guide.step}`}</code> marker)
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>First hint</dt>
          <dd>
            <CodeText text={guide.hints[0] ?? ''} />
          </dd>
        </div>
      </dl>
      <h3>What to do next</h3>
      <ol class="next-steps">
        <li>
          Open <code>{file}</code> and replace <code>{`stepNotDone(${guide.step})`}</code> with your
          code.
        </li>
        <li>
          Stuck? <code>{`npm run hint -- ${guide.step}`}</code> shows the next hint.
        </li>
        <li>
          Run <code>npm run check</code> to check your step, then try again here.
        </li>
      </ol>
    </section>
  )
}
