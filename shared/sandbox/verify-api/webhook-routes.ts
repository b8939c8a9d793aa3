import { Hono } from 'hono'
import { listPage } from '../domain/verify/paging.js'
import type { VerifyContext } from '../domain/verify/verify-actions.js'
import {
  createWebhook,
  updateWebhook,
  webhookOr404,
  webhookView,
} from '../domain/verify/webhooks.js'
import { baseOf, deleted, jsonResponse, readForm, saving, serviceOf } from './verify-request.js'

/**
 * `…/Services/{ServiceSid}/Webhooks` (create, list) and `…/Webhooks/{Sid}` (fetch, update,
 * delete). Mount under `/v2/Services/:serviceSid`.
 *
 * @example
 * app.route('/v2/Services/:serviceSid', webhookRoutes(ctx))
 */
export function webhookRoutes(ctx: VerifyContext) {
  const routes = new Hono()

  routes.post('/Webhooks', async (c) => {
    const service = serviceOf(ctx, c)
    const form = await readForm(c)
    const webhook = await saving(ctx, () => createWebhook(ctx.store.data, service, form, ctx.now()))
    ctx.log(`Verify webhook ${webhook.sid} → ${webhook.webhook_url} (${webhook.event_types.join(', ')}).`)
    return jsonResponse(webhookView(webhook, service, baseOf(c)), 201)
  })

  routes.get('/Webhooks', (c) => {
    const service = serviceOf(ctx, c)
    return jsonResponse(
      listPage({
        records: ctx.store.data.verify.webhooks.filter((w) => w.service_sid === service.sid),
        query: new URL(c.req.url).searchParams,
        base: baseOf(c),
        path: `/Services/${service.sid}/Webhooks`,
        key: 'webhooks',
        view: (webhook) => webhookView(webhook, service, baseOf(c)),
      })
    )
  })

  routes.get('/Webhooks/:sid', (c) => {
    const service = serviceOf(ctx, c)
    const webhook = webhookOr404(ctx.store.data, service, c.req.param('sid'))
    return jsonResponse(webhookView(webhook, service, baseOf(c)))
  })

  routes.post('/Webhooks/:sid', async (c) => {
    const service = serviceOf(ctx, c)
    const webhook = webhookOr404(ctx.store.data, service, c.req.param('sid'))
    const form = await readForm(c)
    await saving(ctx, () => updateWebhook(webhook, form, ctx.now()))
    ctx.events.emit({ everyone: true })
    return jsonResponse(webhookView(webhook, service, baseOf(c)))
  })

  routes.delete('/Webhooks/:sid', async (c) => {
    const service = serviceOf(ctx, c)
    const webhook = webhookOr404(ctx.store.data, service, c.req.param('sid'))
    await saving(ctx, () => {
      ctx.store.data.verify.webhooks = ctx.store.data.verify.webhooks.filter((w) => w !== webhook)
    })
    ctx.events.emit({ everyone: true })
    return deleted()
  })

  return routes
}
