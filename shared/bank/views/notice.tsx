import type { FC } from 'hono/jsx'
import { CodeText } from './code-text.js'

/**
 * A sentence that tells what just happened (a code sent, a step skipped), announced politely.
 * `backticks` in the text show as code.
 *
 * @example
 * <Notice text="We sent a new code." />
 */
export const Notice: FC<{ text: string | undefined }> = (props) =>
  props.text ? (
    <p class="notice" role="status">
      <CodeText text={props.text} />
    </p>
  ) : null
