import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// `npm run mutate` runs these suites only: the ones that exercise the mutated modules (listed in
// stryker.config.mjs) in this process. A mutant is switched on inside the test process, so suites
// that run the bank in a child process or drive a browser could not kill one, only slow the run.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: [
      'test/authy/signature.test.ts',
      'test/authy/signature-inputs.test.ts',
      'test/bank/replay-guard.test.ts',
      'test/bank/replay-guard-edges.test.ts',
      'test/bank/sessions.test.ts',
      'test/bank/form-guard.test.ts',
      'test/bank/security.test.ts',
      'test/bank/callback.test.ts',
      'test/bank/store.test.ts',
      'test/bank/store-transitions.test.ts',
      'test/bank/store-lookups.test.ts',
      'test/bank/store-file.test.ts',
      'test/bank/persistence.test.ts',
      'test/steps/regions.test.ts',
      'test/kit/app-differences.test.ts',
      'test/kit/author-gate.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
