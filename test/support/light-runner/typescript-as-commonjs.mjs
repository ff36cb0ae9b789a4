// An ESM loader hook (see load-typescript.js): TypeScript files are CommonJS modules, loaded by require().
export async function load(url, context, next) {
  if (/^file:.*\.tsx?(\?|$)/.test(url)) return { format: 'commonjs', source: null, shortCircuit: true };
  return next(url, context);
}
