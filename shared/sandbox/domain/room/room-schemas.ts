import { z } from 'zod'
import { callbackHealthSchema } from '../control-schemas.js'

/**
 * The room API's wire shapes (`/room/...`), shared by the server and the room client. No Hono
 * here: the client imports this file.
 */

/** `POST /room/join`'s answer: where the application's API is, and its credentials. */
export const joinAnswerSchema = z.object({
  /** The sandbox's Authy API as other computers reach it (the LAN address in a room). */
  api_url: z.string(),
  api_key: z.string(),
  /** "Ada's bank". */
  app_name: z.string(),
  /** The sandbox's Twilio API as other computers reach it; the Twilio fields are all null when
   * the sandbox serves no Twilio API. */
  twilio_api_url: z.string().nullable(),
  twilio_account_sid: z.string().nullable(),
  twilio_auth_token: z.string().nullable(),
  /** The account's API key (`SK…`) and its secret: Basic auth with them works too. */
  twilio_api_key_sid: z.string().nullable(),
  twilio_api_key_secret: z.string().nullable(),
  /** The number texts come from (Twilio's test number +15005550006 unless set otherwise). */
  twilio_from_number: z.string().nullable(),
  /** The presenter's bank, for the progress grid of `npm run check`; null without one. */
  room_url: z.string().nullable(),
})

/** `GET /room/app` and `PUT /room/app/callback`'s answer. */
export const roomAppSchema = z.object({
  app_name: z.string(),
  callback: z.object({
    url: z.string().nullable(),
    method: z.enum(['POST', 'GET']),
    state: callbackHealthSchema,
    /** Failed deliveries in a row (the URL is disabled at 3). */
    failures: z.number().int(),
    last_error: z.object({ message: z.string(), at: z.string() }).nullable(),
  }),
})

/** `GET /room/users/{authy_id}/phone_url`'s answer. */
export const phoneUrlAnswerSchema = z.object({ phone_url: z.string() })

/** Every error answer of the room API. */
export const roomErrorSchema = z.object({ message: z.string(), field: z.string().optional() })

export type JoinAnswer = z.infer<typeof joinAnswerSchema>
export type RoomApp = z.infer<typeof roomAppSchema>
