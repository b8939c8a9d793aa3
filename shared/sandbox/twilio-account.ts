/**
 * The Account SID of the sandbox's Twilio APIs: a development value, not a secret (the Auth Token
 * is the data folder's own). The official client needs `AC` and 32 hexadecimal characters.
 */
export const SANDBOX_ACCOUNT_SID = 'AC5a4d0b0c5a4d0b0c5a4d0b0c5a4d0b0c'

/** The number the sandbox's texts come from by default: Twilio's own test number for "valid From". */
export const SANDBOX_FROM_NUMBER = '+15005550006'
