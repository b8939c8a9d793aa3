import type { StepNumber } from './contracts.js'

/** The workshop's modules: each a flow of the bank, taught in four steps. */
export const MODULES = [
  { module: 1, title: 'Transfers approved on the phone', steps: [1, 2, 3, 4] },
  { module: 2, title: 'Sign-up and sign-in with two factors', steps: [5, 6, 7, 8] },
] as const satisfies readonly { module: number; title: string; steps: StepNumber[] }[]

/** What attendees read about a step: in the terminal, on the app's "step missing" page, in hints. */
export interface StepGuide {
  step: StepNumber
  /** The module the step belongs to (1 or 2). */
  module: 1 | 2
  title: string
  /** The step's file, relative to `workshop/` (or `solution/`). */
  file: string
  /** What the step teaches, in a sentence or two. */
  teaches: string
  /** What the starter asks for, inside the step's region: the 🐨 comment, a line each. */
  todo: string[]
  /** Hints from gentle to explicit; the last one is the shape of the code. */
  hints: string[]
}

export const STEP_GUIDES: readonly StepGuide[] = [
  {
    step: 1,
    module: 1,
    title: 'Register the user with Authy',
    file: 'steps/1-register-user.ts',
    teaches:
      'Authy knows each user by phone number. Registering (POST /protected/json/users/new) with ' +
      'an email, a cellphone and a country code gives back an Authy id, which your app keeps.',
    todo: [
      'Register the user with Authy (authy.registerUser) and return the Authy id it gives back.',
    ],
    hints: [
      'The Authy client is `authy`. Its method `authy.registerUser(...)` takes ' +
        '`{ email, cellphone, countryCode }`: Authy calls the phone number `cellphone`.',
      "Authy's reply looks like `{ message: 'User created successfully.', user: { id: 1635 }, " +
        'success: true }`. The id is `reply.user.id`.',
      'const reply = await authy.registerUser({ email, cellphone: phoneNumber, countryCode })\n' +
        'return reply.user.id',
    ],
  },
  {
    step: 2,
    module: 1,
    title: 'Send the approval request',
    file: 'steps/2-send-approval-request.ts',
    teaches:
      'A OneTouch approval request (POST /onetouch/json/users/{authy_id}/approval_requests) ' +
      'pushes what is being approved to the phone: a message, the details the user sees, and ' +
      'how many seconds it stays open. What the user approves is exactly what you send.',
    todo: [
      'Send a OneTouch approval request for this transfer (authy.createApprovalRequest):',
      'a message naming the recipient; the details From, To, Account Number and',
      "US Dollar Amount; and secondsToExpire. Return the approval request's uuid.",
    ],
    hints: [
      '`authy.createApprovalRequest(...)` takes `{ authyId, message, details, secondsToExpire }`. ' +
        "The user's Authy id is `user.authyId`.",
      'Use the details `From` (user.email), `To` (transfer.recipientEmail), `Account Number` ' +
        '(transfer.accountNumber) and `US Dollar Amount` (formatDollars(transfer.amountCents)). ' +
        'Keys with spaces need quotes.',
      "Authy's reply looks like `{ approval_request: { uuid: '…' }, success: true }`: return " +
        '`reply.approval_request.uuid`.',
      'const reply = await authy.createApprovalRequest({\n' +
        '  authyId: user.authyId,\n' +
        '  message: `Transfer money to ${transfer.recipientEmail}`,\n' +
        '  details: {\n' +
        '    From: user.email,\n' +
        '    To: transfer.recipientEmail,\n' +
        "    'Account Number': transfer.accountNumber,\n" +
        "    'US Dollar Amount': formatDollars(transfer.amountCents),\n" +
        '  },\n' +
        '  secondsToExpire,\n' +
        '})\n' +
        'return reply.approval_request.uuid',
    ],
  },
  {
    step: 3,
    module: 1,
    title: 'Wait for the approval',
    file: 'steps/3-wait-for-approval.ts',
    teaches:
      'Polling: ask for the approval request (GET /onetouch/json/approval_requests/{uuid}) at a ' +
      'steady pace until its status leaves `pending`. It ends as approved, denied or expired, ' +
      'and the loop must stop on every one of them.',
    todo: [
      "Every pollIntervalMs (use sleep), ask Authy for the approval request's status",
      "(authy.getApprovalRequest) until it is no longer 'pending'; then store it with",
      'transfers.saveStatus.',
    ],
    hints: [
      'Keep the status in a variable that starts as `pending`, and loop `while` it is still ' +
        '`pending`. Type it as `ApprovalStatus`.',
      'Inside the loop: `await sleep(pollIntervalMs)`, then ' +
        '`authy.getApprovalRequest({ uuid: transfer.approvalUuid })`. The status is ' +
        '`reply.approval_request.status`.',
      'After the loop, store what you got: `await transfers.saveStatus(transfer.approvalUuid, status)`.',
      "let status: ApprovalStatus = 'pending'\n" +
        "while (status === 'pending') {\n" +
        '  await sleep(pollIntervalMs)\n' +
        '  const reply = await authy.getApprovalRequest({ uuid: transfer.approvalUuid })\n' +
        '  status = reply.approval_request.status\n' +
        '}\n' +
        'await transfers.saveStatus(transfer.approvalUuid, status)',
    ],
  },
  {
    step: 4,
    module: 1,
    title: 'Receive the signed callback (bonus)',
    file: 'steps/4-receive-callback.ts',
    teaches:
      'Webhooks: Authy calls your app the moment the user decides. Anyone could call that URL, ' +
      'so check the X-Authy-Signature (an HMAC-SHA256 made with your API key over the nonce, ' +
      'method, URL and parameters) and refuse a callback seen before.',
    todo: [
      'Accept the callback only if its signature is right (verifyCallbackSignature) and it is',
      'not a replay (replays.isReplay): then store its status with transfers.saveStatus and',
      "return { accepted: true }. Otherwise return { accepted: false, reason: '…' }.",
    ],
    hints: [
      '`verifyCallbackSignature({ apiKey, url, method, params, nonce, signature })` returns true ' +
        'or false. `url` is `callbackUrl`; the rest come from `callback`.',
      'Check the signature first, then `replays.isReplay(callback)`: it remembers the callback, ' +
        'so only genuine ones are remembered.',
      'When both checks pass: `await transfers.saveStatus(callback.uuid, callback.status)` and ' +
        "`return { accepted: true }`. Otherwise `return { accepted: false, reason: '…' }`.",
      'const genuine = verifyCallbackSignature({\n' +
        '  apiKey,\n' +
        '  url: callbackUrl,\n' +
        '  method: callback.method,\n' +
        '  params: callback.params,\n' +
        '  nonce: callback.nonce,\n' +
        '  signature: callback.signature,\n' +
        '})\n' +
        "if (!genuine) return { accepted: false, reason: 'The signature does not match.' }\n" +
        "if (replays.isReplay(callback)) return { accepted: false, reason: 'This callback was replayed.' }\n" +
        'await transfers.saveStatus(callback.uuid, callback.status)\n' +
        'return { accepted: true }',
    ],
  },
  {
    step: 5,
    module: 2,
    title: 'Send a code by SMS',
    file: 'steps/5-send-sms-code.ts',
    teaches:
      'A code by SMS proves the phone is the user\'s. Authy sends one (GET /protected/json/sms/' +
      '{authy_id}) but skips users who have its app, answering "ignored", unless you say `force`.',
    todo: [
      "Send the user a code by SMS (authy.requestSms), even when they have the Authy app: force it.",
    ],
    hints: [
      'The Authy client\'s `authy.requestSms(...)` takes `{ authyId, force }`. The user\'s Authy id ' +
        'is `user.authyId`.',
      'Without `force: true`, Authy answers `{ ignored: true }` for users with the app and sends ' +
        'nothing: the code never arrives.',
      'await authy.requestSms({ authyId: user.authyId, force: true })',
    ],
  },
  {
    step: 6,
    module: 2,
    title: 'Confirm the phone, then text the user',
    file: 'steps/6-confirm-phone.ts',
    teaches:
      'Checking a code (GET /protected/json/verify/{token}/{authy_id}): Authy answers an error for ' +
      'a wrong one. Once it is right, the bank texts the user with Twilio\'s Messages API ' +
      '(POST /2010-04-01/Accounts/{AccountSid}/Messages.json).',
    todo: [
      'Check the code with Authy (authy.verifyToken): it throws when the code is wrong, and the',
      "app tells the user. Then text the user with Twilio (twilio.messages.create): 'You did it!",
      "Signup complete :)', from `from` to the user's phone (phoneE164(user)).",
    ],
    hints: [
      '`authy.verifyToken(...)` takes `{ authyId, token, force }`: the token is `code`. Pass ' +
        '`force: true` so Authy checks it even before the user has finished setting up.',
      'Do not catch the error a wrong code throws: the app counts wrong codes and shows the message.',
      '`twilio.messages.create({ to, from, body })` sends a text. `to` is the phone in E.164: ' +
        '`phoneE164(user)` gives `+12015550123`.',
      'await authy.verifyToken({ authyId: user.authyId, token: code, force: true })\n' +
        'await twilio.messages.create({\n' +
        '  to: phoneE164(user),\n' +
        '  from,\n' +
        "  body: 'You did it! Signup complete :)',\n" +
        '})',
    ],
  },
  {
    step: 7,
    module: 2,
    title: 'Ask the phone to approve the sign-in',
    file: 'steps/7-start-sign-in.ts',
    teaches:
      'Two-factor sign-in with OneTouch: after a right password, the same kind of approval request ' +
      'as a transfer, saying who is signing in, from where, and when, and expiring soon.',
    todo: [
      'Send a OneTouch approval request (authy.createApprovalRequest) for this sign-in: the',
      "message 'Request to sign in to OneTouch Bank'; the details Email, IP Address, Browser and",
      "Time; and secondsToExpire. Return the approval request's uuid.",
    ],
    hints: [
      'It is step 2 again, for a sign-in: `authy.createApprovalRequest({ authyId, message, details, ' +
        'secondsToExpire })`.',
      'The details come from `user.email` and from `browser`: `browser.ip`, `browser.userAgent` ' +
        'and `browser.at` (when).',
      'A sign-in should not wait long: pass the `secondsToExpire` the app gives (120).',
      'const reply = await authy.createApprovalRequest({\n' +
        '  authyId: user.authyId,\n' +
        "  message: 'Request to sign in to OneTouch Bank',\n" +
        '  details: {\n' +
        '    Email: user.email,\n' +
        "    'IP Address': browser.ip,\n" +
        '    Browser: browser.userAgent,\n' +
        '    Time: browser.at,\n' +
        '  },\n' +
        '  secondsToExpire,\n' +
        '})\n' +
        'return reply.approval_request.uuid',
    ],
  },
  {
    step: 8,
    module: 2,
    title: 'Sign in with a code instead',
    file: 'steps/8-check-sign-in-code.ts',
    teaches:
      'The fallback when the push is denied, expires or cannot reach an app: a code from an SMS ' +
      '(your step 5 sends it) or from the Authy app, checked by the same call as in step 6.',
    todo: [
      'Check the code the user typed (authy.verifyToken): an SMS code or the Authy app\'s code.',
      'It throws when the code is wrong, and the app tells the user.',
    ],
    hints: [
      'The same call as in step 6: `authy.verifyToken({ authyId, token, force })`.',
      'The app\'s code (TOTP, on the phone page) and an SMS code are both checked by it: nothing to ' +
        'tell apart.',
      'await authy.verifyToken({ authyId: user.authyId, token, force: true })',
    ],
  },
]

/**
 * The guide of one step.
 *
 * @example
 * stepGuide(2).title // 'Send the approval request'
 */
export function stepGuide(step: number): StepGuide {
  const guide = STEP_GUIDES.find((candidate) => candidate.step === step)
  if (!guide)
    throw new RangeError(`There is no step ${step}: the steps are 1 to ${STEP_GUIDES.length}.`)
  return guide
}

/**
 * The body of a step's region in the untouched starter: the 🐨 request, where to get help, and the
 * `stepNotDone` marker. `npm run reset` writes it back; the author gate checks `workshop/` has it.
 *
 * @example
 * starterBody(stepGuide(1)).at(-1) // '  return stepNotDone(1)'
 */
export function starterBody(guide: StepGuide): string[] {
  return [
    ...guide.todo.map((line, index) => `  // ${index === 0 ? '🐨 ' : '   '}${line}`),
    `  // 💡 Stuck? \`npm run hint -- ${guide.step}\`. Done? \`npm run check\`.`,
    `  return stepNotDone(${guide.step})`,
  ]
}
