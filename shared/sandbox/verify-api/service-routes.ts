import { Hono } from 'hono'
import { listPage } from '../domain/verify/paging.js'
import {
  createService,
  deleteService,
  serviceView,
  servicesOf,
  updateService,
} from '../domain/verify/services.js'
import type { VerifyContext } from '../domain/verify/verify-actions.js'
import { baseOf, deleted, jsonResponse, readForm, saving, serviceOf } from './verify-request.js'

/**
 * `/v2/Services` (create, list) and `/v2/Services/{Sid}` (fetch, update, delete), answered as
 * verify.twilio.com answers.
 *
 * @example
 * app.route('/v2', verifyServiceRoutes(ctx))
 */
export function verifyServiceRoutes(ctx: VerifyContext) {
  const routes = new Hono()
  const accountSid = ctx.verify.account.accountSid

  routes.post('/Services', async (c) => {
    const form = await readForm(c)
    const service = await saving(ctx, () =>
      createService(ctx.store.data, accountSid, form, ctx.now())
    )
    ctx.log(`Verify Service ${service.sid} "${service.friendly_name}" created.`)
    return jsonResponse(serviceView(service, baseOf(c)), 201)
  })

  routes.get('/Services', (c) =>
    jsonResponse(
      listPage({
        records: servicesOf(ctx.store.data, accountSid),
        query: new URL(c.req.url).searchParams,
        base: baseOf(c),
        path: '/Services',
        key: 'services',
        view: (service) => serviceView(service, baseOf(c)),
      })
    )
  )

  routes.get('/Services/:serviceSid', (c) => jsonResponse(serviceView(serviceOf(ctx, c), baseOf(c))))

  routes.post('/Services/:serviceSid', async (c) => {
    const service = serviceOf(ctx, c)
    const form = await readForm(c)
    await saving(ctx, () => updateService(service, form, ctx.now()))
    return jsonResponse(serviceView(service, baseOf(c)))
  })

  routes.delete('/Services/:serviceSid', async (c) => {
    const service = serviceOf(ctx, c)
    await saving(ctx, () => deleteService(ctx.store.data, service))
    ctx.log(`Verify Service ${service.sid} deleted, with everything under it.`)
    return deleted()
  })

  return routes
}
