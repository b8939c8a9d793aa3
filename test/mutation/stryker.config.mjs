// `npm run mutate`: mutation testing (Stryker) of the security-critical modules, run by hand, not
// by `npm test` or CI. Reports: test-output/mutation/report.html (to browse) and report.json.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    // The callback's signature, compared in constant time.
    'shared/authy/signature.ts',
    'shared/bank/domain/replay-guard.ts',
    // Sessions, the form token, and the origin and token check of every form.
    'shared/bank/http/sessions.ts',
    'shared/bank/http/form-guard.ts',
    // The store's compare-and-set moves of a transfer, and which statuses are final.
    'shared/bank/store/store.ts',
    'shared/model/transfer.ts',
    // Step regions, and the author gate's comparison of workshop/ and solution/ around them.
    'shared/steps/regions.ts',
    'shared/kit/app-differences.ts',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // The tsconfig has nothing for Stryker to rewrite (no `extends`, no `references`), and its
  // rewriter needs the TypeScript 5 API, which TypeScript 7 does not have: point it at no file.
  tsconfigFile: 'test/mutation/no-tsconfig-to-rewrite.json',
  // vitest strips types without checking them: no file needs a `// @ts-nocheck`.
  disableTypeChecks: false,
  // The author gate's test compares workshop/ and solution/ with the files git tracks.
  buildCommand: 'node --import tsx test/mutation/sandbox-repo.ts',
  tempDirName: 'test-output/stryker-tmp',
  // Nothing of this machine's own goes into the sandbox: data, settings, earlier reports.
  ignorePatterns: ['test-output', '.data', '.env'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-output/mutation/report.html' },
  jsonReporter: { fileName: 'test-output/mutation/report.json' },
  // The score is read, never enforced.
  thresholds: { high: 90, low: 80, break: null },
}
