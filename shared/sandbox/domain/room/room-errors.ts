import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * An answer of the room API (`/room/...`, the sandbox's own API, not Authy's): `{"message"}`, and
 * `"field"` when one field of the request is the problem. Handlers and domain functions throw it;
 * the app's error handler sends it.
 *
 * @example
 * throw new RoomErrorAnswer(403, "That is not this room's code.")
 * // 403 {"message":"That is not this room's code."}
 */
export class RoomErrorAnswer extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly options: { field?: string; headers?: Record<string, string> } = {}
  ) {
    super(message)
    this.name = 'RoomErrorAnswer'
  }

  /** The JSON body. */
  envelope(): { message: string; field?: string } {
    return this.options.field === undefined
      ? { message: this.message }
      : { message: this.message, field: this.options.field }
  }
}

/**
 * 404: the sandbox runs no room (started without the `room` option).
 *
 * @example
 * throw roomNotRunning()
 */
export function roomNotRunning(): RoomErrorAnswer {
  return new RoomErrorAnswer(
    404,
    'This sandbox is not running a room. The presenter starts one with `npm start -- --room`.'
  )
}

/**
 * 503: something went wrong inside the sandbox (logged on the presenter's computer).
 *
 * @example
 * jsonResponse(roomInternalError().envelope(), 503)
 */
export function roomInternalError(): RoomErrorAnswer {
  return new RoomErrorAnswer(
    503,
    "The room's sandbox could not answer this time: try again in a moment " +
      "(the presenter's terminal says what went wrong)."
  )
}

/**
 * 404: a path the room API does not have.
 *
 * @example
 * throw noRoomEndpoint('GET', '/room/nothing')
 */
export function noRoomEndpoint(method: string, path: string): RoomErrorAnswer {
  return new RoomErrorAnswer(
    404,
    `The room API has no ${method} ${path}: it has POST /room/join, GET /room/app, ` +
      'PUT /room/app/callback and GET /room/users/{authy_id}/phone_url.'
  )
}

/**
 * 400 naming the field at fault and the fix.
 *
 * @example
 * throw badRoomField('name', 'name is required: your first name, e.g. "Ada"')
 */
export function badRoomField(field: string, message: string): RoomErrorAnswer {
  return new RoomErrorAnswer(400, message, { field })
}

/**
 * 400: the body is not a JSON object.
 *
 * @example
 * throw notJsonObject('{"code": "K7Q2XD", "name": "Ada"}')
 */
export function notJsonObject(example: string): RoomErrorAnswer {
  return new RoomErrorAnswer(
    400,
    `The body must be a JSON object (content-type application/json), e.g. ${example}.`
  )
}

/**
 * 413: a body larger than the room API reads.
 *
 * @example
 * throw roomBodyTooLarge(10_000)
 */
export function roomBodyTooLarge(limitBytes: number): RoomErrorAnswer {
  return new RoomErrorAnswer(413, `The body must be at most ${limitBytes} bytes.`)
}

/**
 * 403: the room code is not this room's.
 *
 * @example
 * throw wrongRoomCode()
 */
export function wrongRoomCode(): RoomErrorAnswer {
  return new RoomErrorAnswer(
    403,
    "That is not this room's code: check the code on the presenter's screen and join again.",
    { field: 'code' }
  )
}

/**
 * 409: the room holds as many applications as it may; only names already in it can join (again).
 *
 * @example
 * throw roomFull(500)
 */
export function roomFull(maxApps: number): RoomErrorAnswer {
  return new RoomErrorAnswer(
    409,
    `This room is full: it holds at most ${maxApps} applications, and all are taken. ` +
      'Ask the presenter; a name that already joined can still join again.'
  )
}

/**
 * 429: too many join attempts from one address; `Retry-After` says when to try again.
 *
 * @example
 * throw tooManyJoins(12, 10)
 */
export function tooManyJoins(retryAfterSeconds: number, perMinute: number): RoomErrorAnswer {
  return new RoomErrorAnswer(
    429,
    `Too many join attempts from your address (at most ${perMinute} a minute): ` +
      `try again in ${retryAfterSeconds} s.`,
    { headers: { 'retry-after': String(retryAfterSeconds) } }
  )
}

/**
 * 401: no application of the room has this API key (missing, wrong, or not a joined one's).
 *
 * @example
 * throw unknownRoomKey()
 */
export function unknownRoomKey(): RoomErrorAnswer {
  return new RoomErrorAnswer(
    401,
    'Send the API key of your application in the X-Authy-API-Key header: the one ' +
      'POST /room/join answered (npm run join writes it to .env as AUTHY_API_KEY).'
  )
}

/**
 * 404: the application never registered this Authy id (or nobody has it).
 *
 * @example
 * throw notYourUser('100001')
 */
export function notYourUser(authyId: string): RoomErrorAnswer {
  return new RoomErrorAnswer(
    404,
    `Your application has no user ${authyId.slice(0, 20)}: ` +
      'register the phone with POST /protected/json/users/new first.'
  )
}
