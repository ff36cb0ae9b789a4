// Preloaded into the measured service by `npm run bench:allocation` (node -r): V8's sampling heap
// profiler, counting every allocation, including objects already collected (which --heap-prof
// leaves out: it profiles what is retained). SIGUSR2 starts sampling; the next SIGUSR2 stops it and
// writes ALLOCATION_REPORT (JSON: the bytes sampled, by function and by package). With
// ALLOCATION_SURVIVORS=true, objects a young-generation collection freed are left out: what is left
// is what outlived one (copied, and at its second promoted to the old generation). Plain JavaScript:
// it is loaded by node itself, before the service.
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');

const report = process.env.ALLOCATION_REPORT;
if (!report) throw new Error('ALLOCATION_REPORT: the file the sampled allocations are written to');

// Objects a scavenge freed are counted too, unless only the survivors are asked for.
const includeObjectsCollectedByMinorGC = process.env.ALLOCATION_SURVIVORS !== 'true';

const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

/** The package a script belongs to: node_modules/<package>, the application (dist/), or node itself. */
function packageOf(url) {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.includes('/dist/')) return 'application';
  return url.startsWith('node:') ? 'node' : '';
}

function summarise(profile) {
  const byFunction = new Map();
  const byPackage = new Map();
  let total = 0;
  // Builtins (Array.prototype.join, a RegExp's exec) have no script: their bytes go to the
  // package whose code called them.
  // A builtin is named with the function that called it ("exec, from parseDate (…)"): which
  // RegExp or Buffer call allocates is the useful part.
  const walk = (node, caller, callerFunction) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const own = packageOf(url);
    const owner = own && own !== 'node' ? own : caller;
    const name = `${functionName || '(anonymous)'} (${url ? `${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}` : 'builtin'})`;
    const key = url ? name : `${functionName || '(anonymous)'}, from ${callerFunction}`;
    total += node.selfSize;
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    byPackage.set(owner || 'node', (byPackage.get(owner || 'node') ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, owner, url ? name : callerFunction);
  };
  walk(profile.head, '', '(root)');
  const top = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, bytes]) => ({ name, bytes }));
  return { totalBytes: total, byFunction: top(byFunction, 20), byPackage: top(byPackage, 12) };
}

let sampling = false;
process.on('SIGUSR2', () => {
  const next = sampling
    ? post('HeapProfiler.stopSampling').then(({ profile }) => writeFileSync(report, JSON.stringify(summarise(profile))))
    : post('HeapProfiler.enable')
        .then(() =>
          // One sample per 16 KB allocated on average: a page request allocates about a megabyte.
          post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC }),
        )
        .then(() => writeFileSync(report, JSON.stringify({ sampling: true })));
  sampling = !sampling;
  next.catch((error) => writeFileSync(report, JSON.stringify({ error: String(error) })));
});
