import { isoSeconds } from '../clock.js'
import { randomSid } from '../identifiers.js'
import type { SandboxData } from '../store-schema.js'
import { VERIFY_ERRORS } from './errors.js'
import type { StoredEntity, StoredService } from './store-schema.js'

/** Entities kept per Service (the sandbox's limit). */
export const MAX_ENTITIES = 10_000

const IDENTITY = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/

/**
 * Throws 400 / 60366 unless `identity` is what Twilio takes: 8 to 64 dash-separated letters and
 * digits (a SHA-256 in hex fits; never an email or a phone number).
 *
 * @example
 * checkIdentity('ff483d1ff591898a9942916050d2ca3f')
 */
export function checkIdentity(identity: string): void {
  if (identity.length < 8 || identity.length > 64 || !IDENTITY.test(identity))
    throw VERIFY_ERRORS.identityInvalid()
}

/**
 * The Service's Entity for an identity, made if there is none yet (what creating a Factor does,
 * and `POST …/Entities`). `created` says which.
 *
 * @example
 * const { entity } = ensureEntity(data, service, 'user-8f3a0c21', Date.now())
 */
export function ensureEntity(
  data: SandboxData,
  service: StoredService,
  identity: string,
  nowMs: number
): { entity: StoredEntity; created: boolean } {
  checkIdentity(identity)
  const existing = findEntity(data, service, identity)
  if (existing) return { entity: existing, created: false }
  if (data.verify.entities.filter((e) => e.service_sid === service.sid).length >= MAX_ENTITIES)
    throw VERIFY_ERRORS.invalidRequest('Identity', `cannot be added: a Service holds at most ${MAX_ENTITIES} Entities here`)
  const entity: StoredEntity = {
    sid: randomSid('YE'),
    service_sid: service.sid,
    identity,
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
  }
  data.verify.entities.push(entity)
  return { entity, created: true }
}

/**
 * The Service's Entity for an identity, or undefined.
 *
 * @example
 * findEntity(data, service, identity)?.sid
 */
export function findEntity(
  data: SandboxData,
  service: StoredService,
  identity: string
): StoredEntity | undefined {
  return data.verify.entities.find((e) => e.service_sid === service.sid && e.identity === identity)
}

/**
 * The Service's Entity for an identity; a malformed identity → 400 / 60366, an unknown one → 404
 * / 60392.
 *
 * @example
 * const entity = entityOr404(data, service, identity)
 */
export function entityOr404(
  data: SandboxData,
  service: StoredService,
  identity: string
): StoredEntity {
  checkIdentity(identity)
  const entity = findEntity(data, service, identity)
  if (!entity) throw VERIFY_ERRORS.entityNotFound()
  return entity
}

/**
 * Deletes an Entity with its Factors and Challenges.
 *
 * @example
 * deleteEntity(data, entity)
 */
export function deleteEntity(data: SandboxData, entity: StoredEntity): void {
  const verify = data.verify
  verify.entities = verify.entities.filter((e) => e !== entity)
  verify.factors = verify.factors.filter((f) => f.entity_sid !== entity.sid)
  verify.challenges = verify.challenges.filter((c) => c.entity_sid !== entity.sid)
}

/**
 * The Entity resource (spec §3.2).
 *
 * @example
 * entityView(entity, service, base).links.challenges
 */
export function entityView(
  entity: StoredEntity,
  service: StoredService,
  base: string
): Record<string, unknown> {
  const url = `${base}/v2/Services/${service.sid}/Entities/${entity.identity}`
  return {
    sid: entity.sid,
    identity: entity.identity,
    account_sid: service.account_sid,
    service_sid: service.sid,
    date_created: isoSeconds(entity.created_at_ms),
    date_updated: isoSeconds(entity.updated_at_ms),
    url,
    links: {
      factors: `${url}/Factors`,
      new_factors: `${url}/Factors`,
      challenges: `${url}/Challenges`,
    },
  }
}
