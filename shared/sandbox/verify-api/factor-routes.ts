import { Hono } from 'hono'
import { entityOr404 } from '../domain/verify/entities.js'
import {
  createFactor,
  deleteFactor,
  factorOr404,
  factorView,
  updateFactor,
} from '../domain/verify/factors.js'
import { phoneKeysOfEntity } from '../domain/verify/devices.js'
import { listPage } from '../domain/verify/paging.js'
import { deliverVerifyEvent } from '../domain/verify/webhook-delivery.js'
import { publish, type VerifyContext } from '../domain/verify/verify-actions.js'
import { baseOf, deleted, jsonResponse, readForm, saving, serviceOf } from './verify-request.js'

/**
 * `…/Entities/{Identity}/Factors` (create: `totp` with its binding, or `push` as an SDK would;
 * list) and `…/Factors/{Sid}` (fetch, update: `AuthPayload` verifies a TOTP factor; delete).
 * `factor.created`, `factor.verified` and `factor.deleted` go to the Webhooks. Mount under
 * `/v2/Services/:serviceSid/Entities/:identity`.
 *
 * @example
 * app.route('/v2/Services/:serviceSid/Entities/:identity', factorRoutes(ctx))
 */
export function factorRoutes(ctx: VerifyContext) {
  const routes = new Hono()
  const entityOf = (c: Parameters<typeof serviceOf>[1]) => {
    const service = serviceOf(ctx, c)
    return { service, entity: entityOr404(ctx.store.data, service, c.req.param('identity')!) }
  }

  routes.post('/Factors', async (c) => {
    const service = serviceOf(ctx, c)
    const form = await readForm(c)
    const { factor } = await saving(ctx, () =>
      createFactor(ctx.store.data, service, c.req.param('identity')!, form, ctx.now())
    )
    ctx.log(`Verify ${factor.factor_type} factor ${factor.sid} for ${factor.identity} created.`)
    await publish(ctx, { type: 'factor.created', service, factor }, factor.entity_sid)
    return jsonResponse(factorView(factor, service, baseOf(c), { created: true }), 201)
  })

  routes.get('/Factors', (c) => {
    const { service, entity } = entityOf(c)
    return jsonResponse(
      listPage({
        records: ctx.store.data.verify.factors.filter((f) => f.entity_sid === entity.sid),
        query: new URL(c.req.url).searchParams,
        base: baseOf(c),
        path: `/Services/${service.sid}/Entities/${entity.identity}/Factors`,
        key: 'factors',
        view: (factor) => factorView(factor, service, baseOf(c)),
      })
    )
  })

  routes.get('/Factors/:sid', (c) => {
    const { service, entity } = entityOf(c)
    const factor = factorOr404(ctx.store.data, entity, c.req.param('sid'))
    return jsonResponse(factorView(factor, service, baseOf(c)))
  })

  routes.post('/Factors/:sid', async (c) => {
    const { service, entity } = entityOf(c)
    const factor = factorOr404(ctx.store.data, entity, c.req.param('sid'))
    const form = await readForm(c)
    const verified = await saving(ctx, () => updateFactor(factor, form, ctx.now()))
    if (verified) {
      ctx.log(`Verify factor ${factor.sid} for ${factor.identity} is now verified.`)
      await publish(ctx, { type: 'factor.verified', service, factor }, entity.sid)
    }
    return jsonResponse(factorView(factor, service, baseOf(c)))
  })

  routes.delete('/Factors/:sid', async (c) => {
    const { service, entity } = entityOf(c)
    const factor = factorOr404(ctx.store.data, entity, c.req.param('sid'))
    // The phones that held it, found while it is still there.
    const phones = phoneKeysOfEntity(ctx.store.data, entity.sid)
    await saving(ctx, () => deleteFactor(ctx.store.data, factor))
    ctx.log(`Verify factor ${factor.sid} for ${factor.identity} deleted.`)
    for (const phoneKey of phones) ctx.events.emit({ phoneKey })
    void deliverVerifyEvent(ctx, { type: 'factor.deleted', service, factor })
    return deleted()
  })

  return routes
}
