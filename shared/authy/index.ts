export { AuthyError, isAuthyError, type AuthyErrorKind } from './authy-error.js'
export {
  AUTHY_API_URL,
  createAuthyClient,
  type AuthyClient,
  type AuthyClientOptions,
  type ApprovalRequestInput,
} from './client.js'
export { approvalStatuses, type ApprovalStatus, type ApprovalRequestResponse } from './responses.js'
export { computeCallbackSignature, verifyCallbackSignature } from './signature.js'
export { parseRailsParams, toQuery } from './rails-params.js'
export type { CallOptions } from './transport.js'
