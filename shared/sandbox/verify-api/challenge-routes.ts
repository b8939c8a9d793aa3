import { Hono, type Context } from 'hono'
import {
  challengesOf,
  challengeView,
  createChallenge,
  notificationView,
  readChallenge,
  updateChallenge,
} from '../domain/verify/challenges.js'
import { entityOr404 } from '../domain/verify/entities.js'
import { listPage } from '../domain/verify/paging.js'
import type { StoredChallenge } from '../domain/verify/store-schema.js'
import { publish, type VerifyContext } from '../domain/verify/verify-actions.js'
import { baseOf, jsonResponse, readForm, saving, serviceOf } from './verify-request.js'

/**
 * `…/Entities/{Identity}/Challenges` (create, list with `FactorSid`, `Status`, `Order`),
 * `…/Challenges/{Sid}` (fetch, with its expiry evaluated; update: a TOTP code answers it) and
 * `…/Challenges/{Sid}/Notifications` (the push again). A push challenge shows at once on the
 * phone page that holds its factor; an approval by code sends `challenge.approved` to the
 * Webhooks. Mount under `/v2/Services/:serviceSid/Entities/:identity`.
 *
 * @example
 * app.route('/v2/Services/:serviceSid/Entities/:identity', challengeRoutes(ctx))
 */
export function challengeRoutes(ctx: VerifyContext) {
  const routes = new Hono()
  const entityOf = (c: Context) => {
    const service = serviceOf(ctx, c)
    return { service, entity: entityOr404(ctx.store.data, service, c.req.param('identity')!) }
  }
  const factorOf = (challenge: StoredChallenge) =>
    ctx.store.data.verify.factors.find((f) => f.sid === challenge.factor_sid)!

  routes.post('/Challenges', async (c) => {
    const { service, entity } = entityOf(c)
    const form = await readForm(c)
    const challenge = await saving(ctx, () =>
      createChallenge(ctx.store.data, service, entity, form, ctx.now())
    )
    ctx.log(
      `Verify ${challenge.factor_type} challenge ${challenge.sid} for ${challenge.identity}: ` +
        `${challenge.status}.`
    )
    const approved = challenge.status === 'approved'
    const event = approved
      ? { type: 'challenge.approved' as const, service, factor: factorOf(challenge), challenge }
      : undefined
    await publish(ctx, event, entity.sid)
    return jsonResponse(challengeView(challenge, service, baseOf(c)), 201)
  })

  routes.get('/Challenges', async (c) => {
    const { service, entity } = entityOf(c)
    const query = new URL(c.req.url).searchParams
    const records = await saving(ctx, () => challengesOf(ctx.store.data, entity, query, ctx.now()))
    return jsonResponse(
      listPage({
        records,
        query,
        base: baseOf(c),
        path: `/Services/${service.sid}/Entities/${entity.identity}/Challenges`,
        key: 'challenges',
        filters: ['FactorSid', 'Status', 'Order'],
        view: (challenge) => challengeView(challenge, service, baseOf(c)),
      })
    )
  })

  routes.get('/Challenges/:sid', async (c) => {
    const { service, entity } = entityOf(c)
    const { challenge, expiredNow } = readChallenge(
      ctx.store.data,
      entity,
      c.req.param('sid'),
      ctx.now()
    )
    if (expiredNow) {
      ctx.log(`Verify challenge ${challenge.sid} for ${challenge.identity} is now expired.`)
      await publish(ctx, undefined, entity.sid)
    }
    return jsonResponse(challengeView(challenge, service, baseOf(c)))
  })

  routes.post('/Challenges/:sid', async (c) => {
    const { service, entity } = entityOf(c)
    const form = await readForm(c)
    const { challenge } = readChallenge(ctx.store.data, entity, c.req.param('sid'), ctx.now())
    const approved = await saving(ctx, () =>
      updateChallenge(ctx.store.data, entity, challenge, form, ctx.now())
    )
    if (approved) ctx.log(`Verify challenge ${challenge.sid} for ${challenge.identity} is now approved.`)
    const event = approved
      ? { type: 'challenge.approved' as const, service, factor: factorOf(challenge), challenge }
      : undefined
    await publish(ctx, event, entity.sid)
    return jsonResponse(challengeView(challenge, service, baseOf(c)))
  })

  routes.post('/Challenges/:sid/Notifications', async (c) => {
    const { service, entity } = entityOf(c)
    const form = await readForm(c)
    const { challenge } = readChallenge(ctx.store.data, entity, c.req.param('sid'), ctx.now())
    const notification = await saving(ctx, () => notificationView(challenge, service, form, ctx.now()))
    // The phone shows the challenge again (it never stopped): tell its page.
    await publish(ctx, undefined, entity.sid)
    return jsonResponse(notification, 201)
  })

  return routes
}
