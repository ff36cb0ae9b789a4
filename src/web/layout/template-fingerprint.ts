import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A hash of the page code, the catalogs and the stylesheet as deployed: part of every
 * page's ETag, so a new build's pages are not answered 304 from an old build's copy,
 * and every instance of one build computes the same value.
 */
export function templateFingerprint(): string {
  // The deployed files do not change under a running process: read once, however many applications it starts.
  fingerprint ??= hashDeployedFiles();
  return fingerprint;
}

let fingerprint: string | undefined;

function hashDeployedFiles(): string {
  const hash = createHash('sha256');
  const roots = [join(__dirname, '..'), join(__dirname, '..', '..', 'i18n')];
  for (const root of roots) {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(js|ts|tsx|json|css)$/.test(entry.name)) continue;
      const file = join(entry.parentPath, entry.name);
      hash.update(file.slice(root.length)).update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 10);
}
