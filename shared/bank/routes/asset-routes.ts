import { readFileSync } from 'node:fs'
import { Hono } from 'hono'

// A Map, not an object: `/assets/__proto__` must find nothing.
const ASSETS = new Map<string, { type: string; body: string }>([
  ['style.css', { type: 'text/css; charset=utf-8', body: asset('style.css') }],
  ['live-status.js', { type: 'text/javascript; charset=utf-8', body: asset('live-status.js') }],
  ['sign-in-status.js', { type: 'text/javascript; charset=utf-8', body: asset('sign-in-status.js') }],
  ['presenter.css', { type: 'text/css; charset=utf-8', body: asset('presenter.css') }],
  ['presenter-live.js', { type: 'text/javascript; charset=utf-8', body: asset('presenter-live.js') }],
  ['favicon.svg', { type: 'image/svg+xml', body: asset('favicon.svg') }],
])

/**
 * `GET /assets/:name`: the stylesheets, the live scripts and the icon, from `assets/`.
 *
 * @example
 * app.route('/', assetRoutes())
 */
export function assetRoutes(): Hono {
  return new Hono().get('/assets/:name', (c) => {
    const file = ASSETS.get(c.req.param('name'))
    if (!file) return c.notFound()
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'no-cache' })
  })
}

function asset(name: string): string {
  return readFileSync(new URL(`../assets/${name}`, import.meta.url), 'utf8')
}
