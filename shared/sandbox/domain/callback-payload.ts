import { randomBytes } from 'node:crypto'
import { expiresAtMs } from './approval-requests.js'
import { epochSeconds } from './clock.js'
import { timeUuid } from './identifiers.js'
import type { StoredApp, StoredApprovalRequest, StoredUser } from './store-schema.js'

/** The preset `authy_id` of Authy's "test the endpoint" ping (spec §3.1). */
export const PING_AUTHY_ID = 1234

/**
 * The body of a OneTouch callback in Authy's 2017 shape (spec §3.2), keys in the order Authy sent
 * them. No floats anywhere: every number is a whole number, so all signature verifiers agree.
 * A request that never expires (`seconds_to_expire: 0`) has `expiration_timestamp: null`.
 *
 * @example
 * const payload = callbackPayload(app, user, request, Date.now())
 */
export function callbackPayload(
  app: StoredApp,
  user: StoredUser | undefined,
  request: StoredApprovalRequest,
  nowMs: number
) {
  const expiresAt = expiresAtMs(request)
  return {
    authy_id: request.authy_id,
    device_uuid: request.device_id,
    callback_action: 'approval_request_status',
    uuid: request.uuid,
    status: request.status,
    approval_request: {
      transaction: {
        details: request.details,
        device_details: {},
        device_geolocation: '',
        device_signing_time: epochSeconds(nowMs),
        encrypted: false,
        flagged: false,
        hidden_details: request.hidden_details,
        message: request.message,
        reason: '',
        requester_details: null,
        status: request.status,
        uuid: request.uuid,
        created_at_time: epochSeconds(request.created_at_ms),
        customer_uuid: app.customer_uuid,
      },
      expiration_timestamp: expiresAt === null ? null : epochSeconds(expiresAt),
      logos: request.logos,
      app_id: app.object_id,
    },
    // Authy's device signs the answer (RSA-2048); apps cannot check it, so random bytes stand in.
    signature: randomBytes(256).toString('base64'),
    device: {
      city: null,
      country: null,
      ip: null,
      region: null,
      registration_city: null,
      registration_country: null,
      registration_ip: null,
      registration_method: 'sms',
      registration_region: null,
      os_type: user?.device.os_type ?? 'android',
      last_account_recovery_at: null,
      id: request.device_id,
      registration_date: user?.device.registration_date ?? epochSeconds(request.created_at_ms),
      last_sync_date: epochSeconds(nowMs),
    },
  }
}

/**
 * The "test the endpoint" ping: an approved callback for the preset user 1234.
 *
 * @example
 * const payload = pingPayload(ownApp(store.data), Date.now())
 */
export function pingPayload(app: StoredApp, nowMs: number) {
  const request: StoredApprovalRequest = {
    uuid: timeUuid(nowMs),
    app_id: app.app_id,
    object_id: '',
    authy_id: PING_AUTHY_ID,
    user_object_id: '',
    user_email: '',
    device_id: 1234567,
    message: 'Test callback from the Authy sandbox',
    details: null,
    hidden_details: null,
    logos: null,
    seconds_to_expire: 86_400,
    status: 'approved',
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
    processed_at_ms: nowMs,
  }
  return callbackPayload(app, undefined, request, nowMs)
}

export type CallbackPayload = ReturnType<typeof callbackPayload>
