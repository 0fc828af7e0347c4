import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A folder of the shared test data (never copied into the repository): `../shared/data/<name>`
 * beside the checkout, or, for a clone made elsewhere (CI clones into a temporary folder),
 * KEHUI_SHARED_DIR/data/<name> or /work/shared/data/<name>. The first that exists; else the first
 * candidate, so a missing folder is named in the failure.
 */
export function sharedDataDir(name: string): string {
  const candidates = [
    ...(process.env.KEHUI_SHARED_DIR ? [path.join(process.env.KEHUI_SHARED_DIR, 'data', name)] : []),
    path.resolve(ROOT, '../shared/data', name),
    path.join('/work/shared/data', name),
  ];
  return candidates.find((c) => existsSync(c)) ?? (candidates[0] as string);
}
