/**
 * Packages that only exports, imports and printed reports need (exceljs, pdfkit: ~13 MB of heap and
 * ~50 MB resident once loaded) are loaded on first use instead of at start, so that an instance
 * serving pages and the API does not carry them (docs/benchmarks.md, "Memory under load").
 */
function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

/* eslint-disable @typescript-eslint/no-require-imports -- a deferred require is the point here */
export const exceljs = onFirstUse(() => require('exceljs') as typeof import('exceljs'));
export const pdfkit = onFirstUse(() => require('pdfkit') as typeof import('pdfkit'));
/* eslint-enable @typescript-eslint/no-require-imports */
