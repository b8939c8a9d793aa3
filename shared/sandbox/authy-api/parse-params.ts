import type { z } from 'zod'
import { invalidParameter } from '../domain/error-answers.js'

/**
 * Validates merged request parameters with a zod schema; the first problem becomes Authy's
 * 400 / 60004 `Invalid parameter: <name> - <reason>` ("Parameter is required" when it is absent).
 *
 * @example
 * const { message } = parseParams(z.object({ message: requiredString }), params)
 */
export function parseParams<T extends z.ZodType>(
  schema: T,
  params: Record<string, unknown>
): z.output<T> {
  const result = schema.safeParse(params)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const name = issue.path.map(String).join('.') || 'params'
  const value = valueAt(params, issue.path)
  const missing = value === undefined || value === null || value === ''
  throw invalidParameter(
    name,
    missing && issue.path.length > 0 ? 'Parameter is required' : issue.message
  )
}

function valueAt(params: unknown, path: readonly PropertyKey[]): unknown {
  let current = params
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}
