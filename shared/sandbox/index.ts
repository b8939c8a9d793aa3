/**
 * The Authy-compatible sandbox: a local stand-in for api.authy.com with phone pages in place of
 * the Authy app. See README.md in this folder.
 */
export { DEFAULT_SANDBOX_API_KEY } from './default-api-key.js'
export { startSandbox, type RunningSandbox, type SandboxOptions } from './start-sandbox.js'
export {
  createSandboxApp,
  type SandboxApp,
  type SandboxAppOptions,
  type SandboxTwilioOptions,
  type SandboxVerifyOptions,
} from './create-sandbox-app.js'
export {
  createSandboxControl,
  SandboxControlError,
  type SandboxControl,
} from './control-api/control-client.js'
export {
  createRoomClient,
  RoomApiError,
  type JoinedApp,
  type RoomAppClient,
  type RoomClient,
} from './room-api/room-client.js'
export type { JoinAnswer, RoomApp } from './domain/room/room-schemas.js'
export type { RoomOptions } from './domain/room/room.js'
export { MAX_ROOM_APPS, JOINS_PER_MINUTE } from './domain/room/room.js'
export { MAX_ROOM_NAME_LENGTH } from './domain/room/room-names.js'
export type {
  AppInput,
  AppSummary,
  AppView,
  CallbackHealth,
  ApprovalRequestView,
  CallbackAttempt,
  Fault,
  FaultInput,
  InboxMessage,
  LoggedRequestView,
  TotpView,
  TwilioAccountView,
  UserView,
} from './domain/control-schemas.js'
export type {
  ControlChallenge,
  DevicePushFactor,
  PushFactorInput,
  VerifyDeviceView,
  WebhookDelivery,
} from './domain/verify/control-schemas.js'
export type { VerifyControl } from './control-api/verify-control-client.js'
export { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from './domain/totp.js'
export { SandboxDataFileError } from './domain/store.js'
export { PortInUseError } from '../runtime/serve.js'
export { SANDBOX_ACCOUNT_SID, SANDBOX_FROM_NUMBER } from './twilio-account.js'
