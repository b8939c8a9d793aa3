import type { MiddlewareHandler } from 'hono'
import { constantTimeEqual } from '../../authy/signature.js'
import { isLoopbackAddress, isWildcardHost, unmappedAddress } from '../../runtime/hosts.js'
import { remoteAddressOf } from '../../runtime/remote-address.js'
import { controlApiNotLocal, invalidApiKey } from '../domain/error-answers.js'
import type { SandboxEnv } from '../sandbox-env.js'

/**
 * Middleware that lets only this computer through: clients on loopback, and, when the server
 * listens on one specific non-loopback address (so 127.0.0.1 does not reach it), clients coming
 * from that very address. Anyone else on the network gets 403: with `SANDBOX_HOST=0.0.0.0` the
 * phone pages and the Authy API are open to the room, but the control API (read every phone
 * link, approve anyone's transfer, repoint callbacks) must not be. Requests handed to
 * `app.request()` in the same process have no socket and are local by definition.
 *
 * @example
 * routes.use(onlyFromThisComputer('0.0.0.0'))
 */
export function onlyFromThisComputer(host: string): MiddlewareHandler<SandboxEnv> {
  const listensOnOneAddress = !isWildcardHost(host) && !isLoopbackAddress(host)
  const ownAddress = unmappedAddress(host.replace(/^\[|\]$/g, ''))
  return async (c, next) => {
    const remote = remoteAddressOf(c)
    if (remote !== undefined) {
      const local = isLoopbackAddress(remote) || (listensOnOneAddress && remote === ownAddress)
      if (!local) throw controlApiNotLocal()
    }
    await next()
  }
}

/**
 * Middleware that checks the control API's key: in the `X-Authy-API-Key` header only (the Authy
 * API also takes `api_key`), compared in constant time. Wrong or missing → 401 / 60001.
 *
 * @example
 * routes.use(controlApiKey(ctx.apiKey))
 */
export function controlApiKey(apiKey: string): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = c.req.header('x-authy-api-key')
    if (!key || !constantTimeEqual(apiKey, key)) throw invalidApiKey()
    await next()
  }
}
