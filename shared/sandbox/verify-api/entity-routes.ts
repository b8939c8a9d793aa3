import { Hono } from 'hono'
import {
  deleteEntity,
  ensureEntity,
  entityOr404,
  entityView,
} from '../domain/verify/entities.js'
import { formFields, invalidRequest } from '../domain/verify/form-fields.js'
import { listPage } from '../domain/verify/paging.js'
import type { VerifyContext } from '../domain/verify/verify-actions.js'
import { baseOf, deleted, jsonResponse, readForm, saving, serviceOf } from './verify-request.js'

/**
 * `…/Services/{ServiceSid}/Entities` (create, list) and `…/Entities/{Identity}` (fetch, delete
 * with its Factors and Challenges). Mount under `/v2/Services/:serviceSid`.
 *
 * @example
 * app.route('/v2/Services/:serviceSid', entityRoutes(ctx))
 */
export function entityRoutes(ctx: VerifyContext) {
  const routes = new Hono()

  routes.post('/Entities', async (c) => {
    const service = serviceOf(ctx, c)
    const identity = formFields(await readForm(c), invalidRequest).required('Identity')
    const { entity, created } = await saving(ctx, () =>
      ensureEntity(ctx.store.data, service, identity, ctx.now())
    )
    return jsonResponse(entityView(entity, service, baseOf(c)), created ? 201 : 200)
  })

  routes.get('/Entities', (c) => {
    const service = serviceOf(ctx, c)
    return jsonResponse(
      listPage({
        records: ctx.store.data.verify.entities.filter((e) => e.service_sid === service.sid),
        query: new URL(c.req.url).searchParams,
        base: baseOf(c),
        path: `/Services/${service.sid}/Entities`,
        key: 'entities',
        view: (entity) => entityView(entity, service, baseOf(c)),
      })
    )
  })

  routes.get('/Entities/:identity', (c) => {
    const service = serviceOf(ctx, c)
    const entity = entityOr404(ctx.store.data, service, c.req.param('identity'))
    return jsonResponse(entityView(entity, service, baseOf(c)))
  })

  routes.delete('/Entities/:identity', async (c) => {
    const service = serviceOf(ctx, c)
    const entity = entityOr404(ctx.store.data, service, c.req.param('identity'))
    await saving(ctx, () => deleteEntity(ctx.store.data, entity))
    ctx.events.emit({ everyone: true })
    return deleted()
  })

  return routes
}
