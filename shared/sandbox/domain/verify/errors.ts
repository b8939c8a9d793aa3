import { TwilioErrorAnswer } from '../twilio/errors.js'

/**
 * The errors of the sandbox's Verify v2 API, in Twilio's envelope (`TwilioErrorAnswer`), one
 * constructor each, by name. Codes and HTTP statuses are Twilio's error pages' (spec §2–3); the
 * message texts are those pages' titles unless real traffic showed another (20001, 20404, 60202):
 * the sandbox README says which. A message names the parameter at fault.
 *
 * @example
 * throw VERIFY_ERRORS.missingParameter('To')
 * // 400 {"code":20001,"message":"Missing required parameter To in the post body",…}
 */
export const VERIFY_ERRORS = {
  /** A required form field is missing (seen in real answers, e.g. for `Channel`). */
  missingParameter: (name: string) =>
    new TwilioErrorAnswer(400, 20001, `Missing required parameter ${name} in the post body`),
  /** A Services or Verifications field that cannot be used. */
  invalidParameter: (name: string, why?: string) =>
    new TwilioErrorAnswer(400, 60200, `Invalid parameter: ${name}${why ? ` (${why})` : ''}`),
  /** A Push/TOTP (Entities, Factors, Challenges, Webhooks) field that cannot be used. */
  invalidRequest: (name: string, why: string) =>
    new TwilioErrorAnswer(400, 60306, `Invalid Request: ${name} ${why}`),
  /** 404 for what is not there; `path` is relative to the version, as Twilio writes it. */
  notFound: (path: string) =>
    new TwilioErrorAnswer(404, 20404, `The requested resource ${path} was not found`),
  channelDisabled: (channel: string) =>
    new TwilioErrorAnswer(400, 60223, `Delivery channel disabled: ${channel.toUpperCase()}`),
  maxCheckAttempts: () =>
    new TwilioErrorAnswer(429, 60202, 'Max check attempts reached'),
  maxSendAttempts: () => new TwilioErrorAnswer(429, 60203, 'Max send attempts reached'),
  noTarget: () => new TwilioErrorAnswer(400, 60221, 'No target verification specified'),
  verificationSidInvalid: () =>
    new TwilioErrorAnswer(400, 60425, 'Verification SID invalid or not provided'),
  identityInvalid: () =>
    new TwilioErrorAnswer(
      400,
      60366,
      'Entity invalid or not provided: Identity must be 8 to 64 dash-separated alphanumeric characters'
    ),
  entityNotFound: () => new TwilioErrorAnswer(404, 60392, 'Entity not found'),
  factorSidInvalid: () => new TwilioErrorAnswer(400, 60362, 'Factor SID invalid or not provided'),
  factorNotFound: () => new TwilioErrorAnswer(404, 60390, 'Factor not found'),
  factorTypeInvalid: () =>
    new TwilioErrorAnswer(400, 60369, 'Factor type invalid or not provided: FactorType must be push or totp'),
  factorUnverified: () => new TwilioErrorAnswer(403, 60318, 'Factor is unverified'),
  factorVerificationFailed: () =>
    new TwilioErrorAnswer(403, 60311, 'Factor verification failed'),
  tooManyFactorCodes: () =>
    new TwilioErrorAnswer(429, 60310, 'Max factor verification attempts reached'),
  tooManyFactors: (type: string, max: number) =>
    new TwilioErrorAnswer(
      400,
      60315,
      `Max number of factors reached: an Entity may have at most ${max} ${type} factors`
    ),
  challengeSidInvalid: () =>
    new TwilioErrorAnswer(400, 60364, 'Challenge SID invalid or not provided'),
  challengeNotFound: () => new TwilioErrorAnswer(404, 60391, 'Challenge not found'),
  challengeDetailsInvalid: (why: string) =>
    new TwilioErrorAnswer(400, 60368, `Challenge details invalid or not provided: ${why}`),
  challengeResponded: () =>
    new TwilioErrorAnswer(403, 60322, 'Challenge already responded'),
  challengeExpired: () => new TwilioErrorAnswer(403, 60323, 'Challenge expired'),
  challengeVerificationFailed: () =>
    new TwilioErrorAnswer(
      403,
      60324,
      'Challenge verification failed: the AuthPayload is invalid'
    ),
  tooManyChallengeCodes: () =>
    new TwilioErrorAnswer(429, 60308, 'Max challenge verification attempts reached'),
  tooManyChallenges: () =>
    new TwilioErrorAnswer(429, 60312, 'Max challenges reached for this Factor: try again later'),
} as const
