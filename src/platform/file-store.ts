import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Uploaded files under DATA_DIR/files, addressed by their SHA-256 (the same bytes are stored
 * once). With several processes on PostgreSQL, DATA_DIR must be shared storage.
 */
export interface FileStore {
  put(bytes: Buffer): Promise<string>;
  open(sha256: string): NodeJS.ReadableStream;
  has(sha256: string): boolean;
}

export function createFileStore(root: string): FileStore {
  const pathOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('invalid file id');
    return path.join(root, sha.slice(0, 2), sha);
  };
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const file = pathOf(sha);
      if (existsSync(file)) return sha;
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a crash never leaves a half-written file under its final name.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
      return sha;
    },
    open: (sha) => createReadStream(pathOf(sha)),
    has: (sha) => existsSync(pathOf(sha)),
  };
}
