// Starts this folder's bank app with its own four steps. solution/server.ts and workshop/server.ts
// are the same file: the folder it sits in says which app runs (see shared/bank/run-bank.ts).
import { runBank } from '../shared/bank/process/run-bank.js'
import { registerUser } from './steps/1-register-user.js'
import { sendApprovalRequest } from './steps/2-send-approval-request.js'
import { waitForApproval } from './steps/3-wait-for-approval.js'
import { receiveCallback } from './steps/4-receive-callback.js'

await runBank({
  entryUrl: import.meta.url,
  steps: { registerUser, sendApprovalRequest, waitForApproval, receiveCallback },
})
