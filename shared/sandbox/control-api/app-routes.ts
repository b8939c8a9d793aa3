import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import { parseParams } from '../authy-api/parse-params.js'
import { readJsonBody } from '../authy-api/request-body.js'
import { setChannels } from '../domain/app-channels.js'
import { appSummaries } from '../domain/app-summaries.js'
import { ownApp } from '../domain/apps.js'
import { appView, callbackUrlProblem, setCallback } from '../domain/callback-config.js'
import { deliverCallback } from '../domain/callback-delivery.js'
import { pingPayload } from '../domain/callback-payload.js'
import { appInputSchema } from '../domain/control-schemas.js'
import { conflict, invalidParameter } from '../domain/error-answers.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'

/**
 * `/sandbox/app` and `/sandbox/callbacks...`: the sandbox's own application (the first, whose key
 * is the control API's) with its OneTouch callback URL and that URL's health, setting or clearing
 * the URL, switching SMS and voice calls on or off, the recent callback attempts (of every
 * application), and a signed test callback; `/sandbox/apps`: every application, joined ones
 * included, without their keys.
 *
 * @example
 * routes.route('/', controlAppRoutes(ctx))
 */
export function controlAppRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.get('/apps', async () => jsonResponse({ apps: await appSummaries(ctx), success: true }))

  routes.get('/app', () => jsonResponse({ app: appView(ownApp(ctx.store.data)), success: true }))

  routes.put('/app', async (c) => {
    const input = parseParams(appInputSchema, await readJsonBody(c))
    const app = ownApp(ctx.store.data)
    const lines: string[] = []
    // Only a callback key touches the callback: setting it re-enables it and resets its health.
    if (input.onetouch_callback_url !== undefined || input.onetouch_callback_method !== undefined) {
      const url =
        input.onetouch_callback_url === undefined ? app.callback.url : input.onetouch_callback_url
      const cleared = url === null || url.trim() === ''
      const problem = cleared ? null : callbackUrlProblem(url.trim())
      if (problem) throw invalidParameter('onetouch_callback_url', problem)
      const method = input.onetouch_callback_method ?? app.callback.method
      setCallback(app, ctx.callbacks, cleared ? null : url.trim(), method)
      lines.push(
        cleared
          ? 'OneTouch callback URL cleared.'
          : `OneTouch callback URL set to ${method} ${url}.`
      )
    }
    lines.push(...setChannels(app, { sms: input.sms_enabled, calls: input.calls_enabled }))
    await ctx.store.save()
    ctx.events.emit({ everyone: true })
    for (const line of lines) ctx.log(line)
    return jsonResponse({ app: appView(app), success: true })
  })

  routes.get('/callbacks', () =>
    jsonResponse({ callbacks: [...ctx.callbacks.attempts].reverse(), success: true })
  )

  routes.post('/callbacks/ping', async () => {
    const app = ownApp(ctx.store.data)
    const { callback } = app
    if (callback.url === null)
      throw conflict('No OneTouch callback URL is set: set one with PUT /sandbox/app.')
    if (callback.disabled) {
      throw conflict(
        `The callback URL ${callback.url} is disabled after repeated failures: ` +
          `set it again with PUT /sandbox/app.`
      )
    }
    const attempt = await deliverCallback(ctx, app, pingPayload(app, ctx.now()), 'ping')
    return jsonResponse({ callback: attempt, success: true })
  })

  return routes
}
