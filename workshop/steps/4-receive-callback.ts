import { verifyCallbackSignature } from '../../shared/authy/index.js'
import type { ReceiveCallbackStep } from '../../shared/steps/contracts.js'
import { stepNotDone } from '../../shared/steps/contracts.js'

/**
 * Step 4 (bonus): receive the signed OneTouch callback.
 *
 * When the user taps Approve or Deny, Authy calls the app at once instead of waiting for the next
 * poll. Anyone can send a request to that URL, so first check the signature (an HMAC made with
 * your API key), then make sure this exact callback was not received before, and only then
 * store the status it brings.
 */
export const receiveCallback: ReceiveCallbackStep = async ({
  callback,
  apiKey,
  callbackUrl,
  replays,
  transfers,
}) => {
  // #region step 4
  // 🐨 Accept the callback only if its signature is right (verifyCallbackSignature) and it is
  //    not a replay (replays.isReplay): then store its status with transfers.saveStatus and
  //    return { accepted: true }. Otherwise return { accepted: false, reason: '…' }.
  // 💡 Stuck? `npm run hint -- 4`. Done? `npm run check`.
  return stepNotDone(4)
  // #endregion step 4
}
