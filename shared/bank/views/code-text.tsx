import type { FC } from 'hono/jsx'

/**
 * Text where `backticks` mark code: each code part becomes a `<code>` element, everything escaped.
 *
 * @example
 * <CodeText text="Run `npm run check`." />
 */
export const CodeText: FC<{ text: string }> = (props) => (
  <>{props.text.split('`').map((part, index) => (index % 2 === 1 ? <code>{part}</code> : part))}</>
)
