/**
 * node --import tsx bench/collection-parse.ts [rows] — reading speed and memory of the bulk-collection
 * parser (src/modules/collection/parse.ts) on an xlsx written by SheetJS with a typical achievement-like
 * row (10 columns, Chinese text, enum, multi-value, date cell, money, numbers). The file is generated
 * in this process, then parsed in a fresh child process so its resident memory is the parser's alone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordKind } from '../src/modules/collection/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const KIND: RecordKind<Record<string, unknown>> = {
  name: 'bench',
  label: '科技成果',
  maxRows: 100_000,
  columns: [
    { key: 'title', header: '成果名称', kind: 'text', required: true, maxLength: 200 },
    { key: 'type', header: '成果类型', kind: 'enum', required: true, options: [{ value: 'invention', label: '发明专利' }, { value: 'software', label: '软件著作权' }] },
    { key: 'fields', header: '技术领域', kind: 'multi_enum', options: [{ value: 'ai', label: '人工智能' }, { value: 'energy', label: '新能源' }] },
    { key: 'keywords', header: '关键词', kind: 'list' },
    { key: 'completedOn', header: '完成日期', kind: 'date' },
    { key: 'price', header: '转让价格（元）', kind: 'money' },
    { key: 'patents', header: '专利数量', kind: 'integer' },
    { key: 'progress', header: '完成度', kind: 'decimal' },
    { key: 'open', header: '是否公开', kind: 'boolean' },
    { key: 'summary', header: '成果简介', kind: 'longtext' },
  ],
  toInput: (cells) => ({ ok: true, value: cells }),
  importBatch: async (_db, _ctx, inputs) => inputs.map(() => 'created' as const),
};

async function generate(rows: number, file: string) {
  const XLSX = await import('@e965/xlsx');
  const aoa: unknown[][] = [KIND.columns.map((c) => c.header)];
  for (let i = 0; i < rows; i++) {
    aoa.push([
      `一种基于深度学习的工业视觉缺陷检测方法与装置（第${i}号）`,
      i % 2 ? '发明专利' : '软件著作权',
      '人工智能、新能源',
      '机器视觉、缺陷检测、深度学习',
      new Date(Date.UTC(2024, 0, 1 + (i % 365))),
      12_345.67 + (i % 100),
      i % 7,
      0.5,
      '是',
      '本成果针对制造业产线质检环节人工目检效率低、漏检率高的问题，提出一种轻量化检测网络。',
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true }), KIND.label);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

async function parse(file: string) {
  const { parseUpload } = await import('../src/modules/collection/parse.js');
  const bytes = readFileSync(file);
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const t0 = performance.now();
  let rows = 0;
  let invalid = 0;
  for await (const row of parseUpload(KIND, bytes)) {
    rows++;
    if (!row.result.ok) invalid++;
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      fileMB: +(bytes.length / 1e6).toFixed(1),
      rows,
      invalid,
      seconds: +(ms / 1000).toFixed(2),
      rowsPerSecond: Math.round((rows / ms) * 1000),
      rssBeforeMB: Math.round(base / 1e6),
      rssPeakMB: Math.round(peak / 1e6),
    }),
  );
}

if (process.argv[2] === '--parse') {
  await parse(process.argv[3] ?? '');
} else {
  const rows = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-'));
  const file = path.join(dir, 'rows.xlsx');
  try {
    await generate(rows, file);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/collection-parse.ts', '--parse', file], { cwd: ROOT, stdio: 'inherit' });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parser exited with ${code}`))));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
