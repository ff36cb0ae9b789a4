#!/usr/bin/env node
// The import graph of src/: every file is put in the layer of its top folder (the layers
// below, lowest first); an import from a file to a file in a higher layer "runs back up".
// Import circles are the strongly connected groups of files (Tarjan). Prints the figures
// and, with --list, every upward import and circle. Exits 1 when the limits are exceeded.
//   node scripts/check-imports.mjs [--list] [--max-circles N] [--max-upward N]
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Lowest first. A file may import its own layer and any layer below it. */
export const LAYERS = [
  ['base', ['config', 'logging', 'common', 'database', 'i18n', 'jobs']],
  ['features', ['organizations', 'meetings', 'barriers', 'recommendations', 'assessments', 'action-plan', 'dimensions', 'frameworks', 'audit', 'auth', 'accounts', 'data-version', 'notifications', 'responsibility', 'public-events']],
  ['read models', ['reports', 'reporting-completeness', 'reminders']],
  ['channels', ['exports', 'imports', 'graphql', 'live-updates', 'web', 'response-cache', 'health', 'follows', 'webhooks']],
  ['composition', ['seed', 'app.module.ts', 'configure-app.ts', 'main.ts', 'start-message.ts']],
];
const layerOfTop = new Map(LAYERS.flatMap(([, tops], index) => tops.map((top) => [top, index])));

function layerOf(file) {
  const top = relative(src, file).split('/')[0];
  const layer = layerOfTop.get(top);
  if (layer === undefined) throw new Error(`src/${top} is in no layer: add it to LAYERS in scripts/check-imports.mjs`);
  return layer;
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.tsx?$/.test(name) && !/\.(spec|medium-spec)\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importGraph() {
  const files = walk(src);
  const edges = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set();
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3]);
      if (target) targets.add(target);
    }
    edges.set(file, [...targets]);
  }
  return { files, edges };
}

function circles({ files, edges }) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (v) => {
    indexOf.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), indexOf.get(w)));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group);
    }
  };
  for (const file of files) if (!indexOf.has(file)) connect(file);
  return found;
}

function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : Number(args[at + 1]);
  };
  const graph = importGraph();
  const upward = [];
  let imports = 0;
  for (const [from, targets] of graph.edges) {
    for (const to of targets) {
      imports += 1;
      if (layerOf(to) > layerOf(from)) upward.push([from, to]);
    }
  }
  const loops = circles(graph);
  const show = (file) => relative(root, file);
  console.log(`files ${graph.files.length}, imports ${imports}, import circles ${loops.length}, imports running back up a layer ${upward.length}`);
  if (args.includes('--list')) {
    for (const [from, to] of upward) console.log(`  up: ${show(from)} (${LAYERS[layerOf(from)][0]}) -> ${show(to)} (${LAYERS[layerOf(to)][0]})`);
    for (const loop of loops) console.log(`  circle: ${loop.map(show).join(' <-> ')}`);
  }
  const maxCircles = option('--max-circles', Infinity);
  const maxUpward = option('--max-upward', Infinity);
  if (loops.length > maxCircles || upward.length > maxUpward) {
    console.error(`import graph over its limits (circles at most ${maxCircles}, upward imports at most ${maxUpward}); run with --list`);
    process.exit(1);
  }
}

main();
