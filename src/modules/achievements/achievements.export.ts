import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fenToYuanString } from '../../platform/money.js';
import { IP_ITEM_TYPES, IP_STATUSES, labelOf, TEAM_ROLES } from './achievement-codes.js';
import { ACHIEVEMENT_COLUMNS } from './achievements.collection.js';
import type { AchievementRow } from './achievements.queries.js';

/**
 * Exports of a filtered list, in the columns of the import template (an exported workbook can be
 * edited and imported again). Gated fields are written only where the caller may see them.
 */
export type ExportRow = { row: AchievementRow; gatedVisible: boolean; contactVisible: boolean };

const EXTRA_HEADERS = ['成果编号', '状态', '所在地区', '发布时间（北京时间）'];

function cellValues(e: ExportRow, regionName: string | null): (string | number | null)[] {
  const r = e.row;
  const label = (key: string, value: string | null) => {
    const col = ACHIEVEMENT_COLUMNS.find((c) => c.key === key);
    return value ? (col?.options?.find((o) => o.value === value)?.label ?? value) : null;
  };
  const gated = <T>(v: T) => (e.gatedVisible ? v : null);
  const values: Record<string, string | number | null> = {
    title: r.title,
    type: label('type', r.type),
    attribute: label('attribute', r.attribute),
    keyField: label('keyField', r.keyField),
    industry: label('industry', r.industry),
    keywords: r.keywords.join('、'),
    abstract: r.abstract,
    innovationPoints: gated(r.innovationPoints),
    indicators: gated(r.indicators),
    applicationScenarios: gated(r.applicationScenarios),
    trl: r.trl,
    stage: label('stage', r.stage),
    ipType: gated(r.ipItems[0] ? (labelOf(IP_ITEM_TYPES, r.ipItems[0].type) ?? null) : null),
    ipNumbers: gated(r.ipItems.map((i) => i.number).join('、') || null),
    ipStatus: gated(r.ipItems[0] ? (labelOf(IP_STATUSES, r.ipItems[0].status) ?? null) : null),
    owners: r.owners.map((o) => `${o.name}:${o.share}`).join('、'),
    team: gated(r.team.map((m) => `${m.name}:${labelOf(TEAM_ROLES, m.role) ?? m.role}:${m.contribution}`).join('、') || null),
    contactName: e.contactVisible ? r.contactName : null,
    contactPhone: e.contactVisible ? r.contactPhone : null,
    contactEmail: e.contactVisible ? r.contactEmail : null,
    cooperationModes: r.cooperationModes.map((m) => label('cooperationModes', m) ?? m).join('、'),
    pricingMode: label('pricingMode', r.pricingMode),
    price: r.priceFen === null ? null : fenToYuanString(r.priceFen),
    fundingProgramme: r.fundingProgramme,
    fundingProjectNumber: r.fundingProjectNumber,
    isFiscallyFunded: r.isFiscallyFunded ? '是' : '否',
    isDualUse: r.isDualUse ? '是' : '否',
    disclosureTier: label('disclosureTier', r.disclosureTier),
  };
  const shanghai = r.publishedAt
    ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hour12: false }).format(r.publishedAt)
    : null;
  return [...ACHIEVEMENT_COLUMNS.map((c) => values[c.key] ?? null), r.id, r.status, regionName, shanghai];
}

const HEADERS = [...ACHIEVEMENT_COLUMNS.map((c) => c.header), ...EXTRA_HEADERS];

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function exportCsv(rows: AsyncIterable<ExportRow[]>, regionName: (code: string) => string | null): Readable {
  const out = new PassThrough();
  (async () => {
    out.write(`\uFEFF${HEADERS.map(csvCell).join(',')}\r\n`);
    for await (const batch of rows) {
      out.write(batch.map((e) => cellValues(e, regionName(e.row.regionCode)).map(csvCell).join(',')).join('\r\n').concat('\r\n'));
    }
    out.end();
  })().catch((err) => out.destroy(err));
  return out;
}

export function exportXlsx(rows: AsyncIterable<ExportRow[]>, regionName: (code: string) => string | null): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet('科技成果', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 4)) }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const batch of rows) {
      for (const e of batch) sheet.addRow(cellValues(e, regionName(e.row.regionCode))).commit();
    }
    sheet.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
