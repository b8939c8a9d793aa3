// Starts this folder's bank app with its own steps. solution/server.ts and workshop/server.ts are
// the same file: the folder it sits in says which app runs (see shared/bank/process/run-bank.ts).
import { runBank } from '../shared/bank/process/run-bank.js'
import { registerUser } from './steps/1-register-user.js'
import { sendApprovalRequest } from './steps/2-send-approval-request.js'
import { waitForApproval } from './steps/3-wait-for-approval.js'
import { receiveCallback } from './steps/4-receive-callback.js'
import { sendSmsCode } from './steps/5-send-sms-code.js'
import { confirmPhone } from './steps/6-confirm-phone.js'
import { startSignIn } from './steps/7-start-sign-in.js'
import { checkSignInCode } from './steps/8-check-sign-in-code.js'

await runBank({
  entryUrl: import.meta.url,
  steps: {
    registerUser,
    sendApprovalRequest,
    waitForApproval,
    receiveCallback,
    sendSmsCode,
    confirmPhone,
    startSignIn,
    checkSignInCode,
  },
})
