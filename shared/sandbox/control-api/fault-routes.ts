import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import { parseParams } from '../authy-api/parse-params.js'
import { readJsonBody } from '../authy-api/request-body.js'
import { faultInputSchema } from '../domain/control-schemas.js'
import { addFault, clearFaults } from '../domain/faults.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'

/**
 * `/sandbox/faults`: add a fault for the next matching Authy API requests (201 with its id), list
 * the faults waiting, clear them all.
 *
 * @example
 * routes.route('/', controlFaultRoutes(ctx))
 */
export function controlFaultRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.post('/faults', async (c) => {
    const input = parseParams(faultInputSchema, await readJsonBody(c))
    const fault = addFault(ctx.faults, input, ctx.now())
    ctx.log(`Fault added: ${fault.method ?? 'any method'} ${fault.path} x${fault.count}.`)
    return jsonResponse({ fault, success: true }, 201)
  })

  routes.get('/faults', () => jsonResponse({ faults: ctx.faults.faults, success: true }))

  routes.delete('/faults', () => {
    const cleared = clearFaults(ctx.faults)
    return jsonResponse({ cleared, success: true })
  })

  return routes
}
