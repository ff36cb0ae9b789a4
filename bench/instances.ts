import cluster from 'node:cluster';

/**
 * `node bench/instances.ts <count> <node flags…> -- <script> <args…>`: runs <count> copies
 * of a server on one port (node:cluster; the primary hands connections out round-robin),
 * as <count> instances behind a load balancer on this machine would run. The benchmark's
 * `--instances N` starts both the service and the baseline this way.
 */
const [countArg, ...rest] = process.argv.slice(2);
const separator = rest.indexOf('--');
const count = Number(countArg);
if (!Number.isInteger(count) || count < 1 || separator < 1 || separator === rest.length - 1) {
  console.error('usage: node bench/instances.ts <count> <node flags…> -- <script> [args…]');
  process.exit(2);
}

cluster.setupPrimary({ execArgv: rest.slice(0, separator), exec: rest[separator + 1], args: rest.slice(separator + 2) });
for (let i = 0; i < count; i++) cluster.fork();

let stopping = false;
cluster.on('exit', (worker, code) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  console.error(`instance ${worker.process.pid} exited with ${code}`);
  process.exit(1);
});
const stop = () => {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
