/**
 * npm run bench:web — gzip size of what the public home page loads first: index.html, the entry chunk
 * with its static imports and CSS, and the lazily loaded home page chunk, read from Vite's manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../web/dist', import.meta.url));
const manifestFile = path.join(dist, '.vite/manifest.json');
if (!existsSync(manifestFile)) {
  console.error('web/dist/.vite/manifest.json missing: run npm run build first');
  process.exit(1);
}
interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Chunk>;
const files = new Set<string>(['index.html']);
function addWithImports(key: string) {
  const c = manifest[key];
  if (!c || files.has(c.file)) return;
  files.add(c.file);
  for (const css of c.css ?? []) files.add(css);
  for (const i of c.imports ?? []) addWithImports(i);
}
for (const [key, c] of Object.entries(manifest)) if (c.isEntry) addWithImports(key);
const homeKey = Object.keys(manifest).find((k) => /features\/home\/pages\/home-page/.test(k));
if (homeKey) addWithImports(homeKey);
let raw = 0;
let gz = 0;
for (const f of files) {
  const buf = readFileSync(path.join(dist, f));
  const g = gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += g;
  console.log(`  ${f.padEnd(48)} ${(buf.length / 1024).toFixed(1).padStart(8)} KB  gzip ${(g / 1024).toFixed(1).padStart(7)} KB`);
}
let all = 0;
for (const c of Object.values(manifest)) all += gzipSync(readFileSync(path.join(dist, c.file)), { level: 9 }).length;
console.log(`public home first load: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip (${files.size} files)`);
console.log(`whole app, all chunks: ${(all / 1024).toFixed(1)} KB gzip`);
