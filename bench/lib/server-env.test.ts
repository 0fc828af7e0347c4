import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ARGS } from './server-env.js';

describe('SERVER_ARGS', () => {
  it('starts the server with the Node flags npm start uses', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const start = pkg.scripts.start ?? '';
    // The last command of the script is the server's: `node <flags> --import tsx src/main.ts`.
    const server = start.split('&&').map((c) => c.trim()).find((c) => c.endsWith('src/main.ts'));
    expect(server, 'npm start runs src/main.ts').toBeDefined();
    expect(server?.split(/\s+/).slice(1)).toEqual(SERVER_ARGS);
    expect(SERVER_ARGS).toContain('--no-allocation-site-pretenuring');
  });
});
