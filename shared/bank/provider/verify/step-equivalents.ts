import type { StepNumber } from '../../../steps/contracts.js'

/**
 * Where each workshop step's Verify equivalent is: a file of this folder (relative to the
 * repository root), with the code between `// #region step N` and `// #endregion step N`, as in
 * the step files. `npm run diff -- N --provider verify` puts it beside the finished Authy step.
 */
export const VERIFY_STEP_FILES: Record<StepNumber, string> = {
  1: 'shared/bank/provider/verify/enrolment.ts',
  2: 'shared/bank/provider/verify/transfer-approval.ts',
  3: 'shared/bank/provider/verify/transfer-approval.ts',
  4: 'shared/bank/provider/verify/webhook.ts',
  5: 'shared/bank/provider/verify/phone-codes.ts',
  6: 'shared/bank/provider/verify/phone-codes.ts',
  7: 'shared/bank/provider/verify/sign-in.ts',
  8: 'shared/bank/provider/verify/sign-in.ts',
}
