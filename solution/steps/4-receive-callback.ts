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
  const genuine = verifyCallbackSignature({
    apiKey,
    url: callbackUrl,
    method: callback.method,
    params: callback.params,
    nonce: callback.nonce,
    signature: callback.signature,
  })
  if (!genuine) return { accepted: false, reason: 'The signature does not match.' }
  if (replays.isReplay(callback)) return { accepted: false, reason: 'This callback was replayed.' }

  await transfers.saveStatus(callback.uuid, callback.status)
  return { accepted: true }
  // #endregion step 4
}
