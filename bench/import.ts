/**
 * npm run bench:import — generates a 100,000-row xlsx of realistic Chinese achievement records
 * (our own generator), imports it through the real path (HTTP upload to a running server, the
 * import job, the database) and prints wall time, rows/s and the server's peak RSS, on PGlite and,
 * when DATABASE_URL is set, on PostgreSQL. While the import runs, /api/health and the public list
 * are requested continuously to show the server keeps answering.
 *   node --import tsx bench/import.ts [ROWS]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { generateAchievement } from '../src/modules/achievements/achievement-generator.js';
import { ACHIEVEMENT_COLUMNS } from '../src/modules/achievements/achievements.collection.js';
import { withThrowawayDatabase } from './lib/throwaway-db.js';
import { SERVER_ARGS, serverEnv } from './lib/server-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROWS = Number(process.argv[2] ?? 100_000);

async function makeWorkbook(file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('科技成果');
  sheet.addRow(ACHIEVEMENT_COLUMNS.map((c) => c.header)).commit();
  const label = (key: string, v: unknown) => ACHIEVEMENT_COLUMNS.find((c) => c.key === key)?.options?.find((o) => o.value === v)?.label ?? '';
  for (let i = 0; i < ROWS; i++) {
    const g = generateAchievement(50_000 + i, '江城理工大学');
    const cells: Record<string, string | number> = {
      title: `${g.title}（批次${i}）`,
      type: label('type', g.type),
      attribute: label('attribute', g.attribute),
      keyField: label('keyField', g.keyField),
      industry: label('industry', g.industry),
      keywords: (g.keywords ?? []).join('、'),
      abstract: g.abstract ?? '',
      innovationPoints: g.innovationPoints ?? '',
      indicators: g.indicators ?? '',
      applicationScenarios: g.applicationScenarios ?? '',
      trl: g.trl ?? 5,
      stage: label('stage', g.stage),
      ipType: g.ipItems?.length ? '发明专利' : '',
      ipNumbers: (g.ipItems ?? []).map((x) => x.number).join('、'),
      ipStatus: g.ipItems?.length ? '申请中' : '',
      team: (g.team ?? []).map((m) => `${m.name}:${m.role === 'lead' ? '负责人' : '核心成员'}:${m.contribution}`).join('、'),
      contactName: g.contactName ?? '',
      contactPhone: g.contactPhone ?? '',
      cooperationModes: (g.cooperationModes ?? []).map((m) => label('cooperationModes', m)).join('、'),
      pricingMode: label('pricingMode', g.pricingMode),
      price: g.price ?? '',
      fundingProgramme: g.fundingProgramme ?? '',
      fundingProjectNumber: g.fundingProjectNumber ?? '',
      isFiscallyFunded: g.isFiscallyFunded ? '是' : '否',
      isDualUse: g.isDualUse ? '是' : '否',
      disclosureTier: label('disclosureTier', g.disclosureTier),
    };
    sheet.addRow(ACHIEVEMENT_COLUMNS.map((c) => cells[c.key] ?? '')).commit();
  }
  sheet.commit();
  await wb.commit();
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function startServer(port: number, dataDir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: serverEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/ready`)).ok) return child;
    } catch {}
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(label: string, env: Record<string, string>, file: string) {
  const port = 4100 + Math.floor(Math.random() * 500);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-import-'));
  // First start creates the database and demo data; the measured run reopens it, as a server does.
  const first = await startServer(port, dataDir, env);
  first.kill('SIGTERM');
  await new Promise((r) => first.once('exit', r));
  const child = await startServer(port, dataDir, env);
  const base = `http://127.0.0.1:${port}`;
  const rssBefore = statusKb(child.pid ?? 0, 'VmRSS');
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, statusKb(child.pid ?? 0, 'VmRSS'));
  }, 100);
  try {
    const signin = await fetch(`${base}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'univ.admin@kehui.example.cn', password: 'Demo@2026' }),
    });
    const cookies = signin.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    const csrf = (cookies.find((c) => c.startsWith('kehui_csrf=')) ?? '').slice('kehui_csrf='.length);
    const headers = { cookie: cookies.join('; '), 'x-csrf-token': csrf };
    const body = readFileSync(file);
    const t0 = performance.now();
    const up = await fetch(`${base}/api/collection/achievement/imports?mode=valid_only&asDraft=true&fileName=bench.xlsx`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body,
    });
    if (up.status !== 202) throw new Error(`upload refused: ${up.status} ${await up.text()}`);
    const job = ((await up.json()) as { job: { id: string } }).job;
    // Probe the server while the job runs.
    const probes: number[] = [];
    let done = false;
    const prober = (async () => {
      while (!done) {
        const p0 = performance.now();
        await fetch(`${base}/api/health`);
        await fetch(`${base}/api/achievements?pageSize=5`);
        probes.push(performance.now() - p0);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    let importingAt = 0;
    let status: { status: string; phase?: string | null; percent: number; importedRows: number; errorRows: number; duplicateRows: number; fileError: string | null } = {
      status: 'queued', percent: 0, importedRows: 0, errorRows: 0, duplicateRows: 0, fileError: null,
    };
    for (;;) {
      const res = await fetch(`${base}/api/collection/imports/${job.id}`, { headers });
      if (!res.ok) throw new Error(`job status: ${res.status} ${await res.text()}`);
      status = (await res.json()) as typeof status;
      if (status.phase === 'importing' && !importingAt) importingAt = performance.now();
      if (status.status === 'succeeded' || status.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const wall = (performance.now() - t0) / 1000;
    done = true;
    await prober;
    const sorted = probes.sort((a, b) => a - b);
    const p = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    console.log(
      `${label}: ${status.status}, ${status.importedRows} imported, ${status.errorRows} errors, ${status.duplicateRows} duplicates` +
        `${status.fileError ? ` (${status.fileError})` : ''}; wall ${wall.toFixed(1)} s (validation ${importingAt ? ((importingAt - t0) / 1000).toFixed(1) : '?'} s), ${Math.round(ROWS / wall)} rows/s, ` +
        `server RSS ${Math.round(rssBefore / 1024)} MB before, peak ${Math.round(rssPeak / 1024)} MB during the import ` +
        `(process high-water mark ${Math.round(statusKb(child.pid ?? 0, 'VmHWM') / 1024)} MB); ${probes.length} probe pairs ` +
        `(health + public list) answered, p50 ${p(0.5)} ms, max ${p(1)} ms`,
    );
  } finally {
    clearInterval(sampler);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-xlsx-'));
const file = path.join(dir, 'achievements.xlsx');
const g0 = performance.now();
await makeWorkbook(file);
console.log(`generated ${ROWS} rows (${(readFileSync(file).length / 1e6).toFixed(1)} MB xlsx) in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
await run('PGlite', {}, file);
await withThrowawayDatabase('kehui_bench', (url) => run('PostgreSQL', { DATABASE_URL: url }, file));
rmSync(dir, { recursive: true, force: true });
