import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RecordKind } from './collection.types.js';
import { describeRowError, detectFormat, type ParsedRow, parseUpload, } from './parse.js';
import { buildTemplate } from './template.js';

/**
 * parse.ts against files written by a different library (SheetJS) and by hand (CSV in UTF-8 with
 * BOM and in GB18030, JSON), covering every file-level and row-level problem the reader reports.
 */

type Input = Record<string, unknown>;

function testKind(overrides: Partial<RecordKind<Input>> = {}): RecordKind<Input> {
  return {
    name: 'sample',
    label: '测试成果',
    maxRows: 1000,
    columns: [
      { key: 'title', header: '成果名称', kind: 'text', required: true, maxLength: 50 },
      {
        key: 'type',
        header: '成果类型',
        kind: 'enum',
        required: true,
        options: [
          { value: 'invention', label: '发明专利' },
          { value: 'utility', label: '实用新型' },
          { value: 'software', label: '软件著作权' },
        ],
      },
      {
        key: 'fields',
        header: '技术领域',
        kind: 'multi_enum',
        options: [
          { value: 'ai', label: '人工智能' },
          { value: 'bio', label: '生物医药' },
          { value: 'energy', label: '新能源' },
        ],
      },
      { key: 'keywords', header: '关键词', kind: 'list', maxLength: 10 },
      { key: 'completedOn', header: '完成日期', kind: 'date' },
      { key: 'price', header: '转让价格（元）', kind: 'money' },
      { key: 'patents', header: '专利数量', kind: 'integer' },
      { key: 'progress', header: '完成度', kind: 'decimal' },
      { key: 'open', header: '是否公开', kind: 'boolean' },
      { key: 'summary', header: '成果简介', kind: 'longtext' },
    ],
    toInput(cells) {
      // A rule of the kind itself, reported under the column it names.
      if (cells.type === 'invention' && cells.patents === undefined) {
        return { ok: false, errors: [{ key: 'patents', message: '发明专利须填写专利数量' }] };
      }
      return { ok: true, value: cells };
    },
    importBatch: async (_db, _ctx, inputs) => inputs.map(() => 'created' as const),
    ...overrides,
  };
}

const KIND = testKind();
const HEADERS = KIND.columns.map((c) => c.header);
const GOOD_ROW = ['激光焊接方法', '发明专利', '人工智能、新能源', '激光、焊接', '2024-05-01', '12.5万', 3, 0.5, '是', '一种方法'];

function xlsx(rows: unknown[][], edit?: (ws: XLSX.WorkSheet) => void, sheetName = '测试成果'): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
  edit?.(ws);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

async function collect(bytes: Buffer, kind: RecordKind<Input> = KIND): Promise<{ rows: ParsedRow<Input>[]; error?: string }> {
  const rows: ParsedRow<Input>[] = [];
  try {
    for await (const row of parseUpload(kind, bytes)) rows.push(row);
  } catch (err) {
    return { rows, error: (err as Error).message };
  }
  return { rows };
}

function messages(row: ParsedRow<Input> | undefined): string[] {
  if (!row || row.result.ok) return [];
  return row.result.errors.map((e) => describeRowError(row.rowNumber, e));
}

/** A hand-made GB18030 (GBK range) encoder, from the decoder Node ships. */
function gb18030(text: string): Buffer {
  const map = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = map.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

const csvLine = (cells: unknown[]) => cells.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(',');

describe('parseUpload: xlsx written by SheetJS', () => {
  it('converts every column kind of a valid row', async () => {
    const { rows, error } = await collect(xlsx([HEADERS, GOOD_ROW]));
    expect(error).toBeUndefined();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.rowNumber).toBe(2);
    expect(rows[0]?.result).toEqual({
      ok: true,
      value: {
        title: '激光焊接方法',
        type: 'invention',
        fields: ['ai', 'energy'],
        keywords: ['激光', '焊接'],
        completedOn: '2024-05-01',
        price: 12_500_000,
        patents: 3,
        progress: 0.5,
        open: true,
        summary: '一种方法',
      },
    });
  });

  it('accepts full-width digits and the usual date spellings, serial numbers and date-formatted cells', async () => {
    const bytes = xlsx(
      [
        HEADERS,
        ['全角', '实用新型', '', '', '２０２４年５月１日', '１,２３４.５', '１２', '０.５', '否', ''],
        ['斜杠日期', '实用新型', '', '', '2024/5/1', '', '', '', '', ''],
        ['序列号日期', '实用新型', '', '', 45413, '', '', '', '', ''],
        ['日期单元格', '实用新型', '', '', new Date(Date.UTC(2024, 4, 1)), '', '', '', '', ''],
        ['数字格式的日期', '实用新型', '', '', '', '', '', '', '', ''],
      ],
      (ws) => {
        ws.E6 = { t: 'n', v: 45413, z: 'yyyy"年"m"月"d"日"' };
      },
    );
    const { rows, error } = await collect(bytes);
    expect(error).toBeUndefined();
    expect(rows.map((r) => (r.result.ok ? r.result.value.completedOn : messages(r)))).toEqual(Array(5).fill('2024-05-01'));
    expect(rows[0]?.result).toMatchObject({ ok: true, value: { price: 123_450, patents: 12, progress: 0.5, open: false } });
  });

  it('reports formulas, empty required cells, wrong types, unknown options, negatives and the kind’s own rules', async () => {
    const bytes = xlsx(
      [
        HEADERS,
        ['公式', '实用新型', '', '', '', '', 0, '', '', ''],
        ['', '发明', '区块链、人工智能', '', '明年', -5, 'abc', -0.5, '也许', ''],
        ['缺专利数', '发明专利', '', '', '', '', '', '', '', ''],
      ],
      (ws) => {
        ws.G2 = { t: 'n', v: 2, f: '1+1' };
      },
    );
    const { rows, error } = await collect(bytes);
    expect(error).toBeUndefined();
    expect(messages(rows[0])).toEqual(['第 2 行「专利数量」使用了公式，请粘贴为数值']);
    expect(messages(rows[1])).toEqual([
      '第 3 行「成果名称」不能为空（必填）',
      '第 3 行「成果类型」「发明」不在可选值中，可选：发明专利、实用新型、软件著作权',
      '第 3 行「技术领域」「区块链」不在可选值中，可选：人工智能、生物医药、新能源（多个值用、分隔）',
      '第 3 行「完成日期」日期格式不正确，请填写如 2024-05-01 或 2024年5月1日',
      '第 3 行「转让价格（元）」不能为负数',
      '第 3 行「专利数量」应为整数',
      '第 3 行「完成度」不能为负数',
      '第 3 行「是否公开」应填写“是”或“否”',
    ]);
    expect(rows[1]?.result).toMatchObject({ ok: false, errors: expect.arrayContaining([{ column: '成果类型', value: '发明', message: expect.any(String) }]) });
    expect(messages(rows[2])).toEqual(['第 4 行「专利数量」发明专利须填写专利数量']);
  });

  it('skips blank rows and ignores columns after the template’s (the error report’s 错误说明)', async () => {
    const { rows } = await collect(xlsx([[...HEADERS, '错误说明'], [...GOOD_ROW, '旧的错误'], [], ['', '', ''], ['第二条', '软件著作权']]));
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 5]);
    expect(rows.every((r) => r.result.ok)).toBe(true);
  });

  it('accepts headers marked with * and field keys as headers', async () => {
    const headers = HEADERS.map((h, i) => (i === 0 ? `${h}*` : i === 1 ? 'type' : h));
    const { rows, error } = await collect(xlsx([headers, ['名称', '软件著作权']]));
    expect(error).toBeUndefined();
    expect(rows[0]?.result.ok).toBe(true);
  });

  it('keeps Chinese text intact across the reader’s chunk boundaries', async () => {
    const data: unknown[][] = [HEADERS];
    for (let i = 0; i < 20_000; i++) data.push([`一种基于深度学习的图像识别方法与装置第${i}号`, '软件著作权']);
    const { rows, error } = await collect(xlsx(data), testKind({ maxRows: 20_000 }));
    expect(error).toBeUndefined();
    expect(rows).toHaveLength(20_000);
    const bad = rows.filter((r, i) => !r.result.ok || r.result.value.title !== `一种基于深度学习的图像识别方法与装置第${i}号`);
    expect(bad).toHaveLength(0);
  });

  it('reports progress up to the whole file', async () => {
    const seen: number[] = [];
    for await (const _ of parseUpload(KIND, xlsx([HEADERS, GOOD_ROW]), { onProgress: (f) => seen.push(f) })) {
      // read through
    }
    expect(seen.at(-1)).toBe(1);
  });
});

describe('parseUpload: file-level problems', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1')],
    ['plain text renamed .xlsx', Buffer.from('这是一份会议纪要，不是表格。\n第二行。\n', 'utf8')],
    ['an image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])],
    ['a zip that is not a workbook (ODS)', XLSX.write(XLSX.utils.book_new(XLSX.utils.aoa_to_sheet([HEADERS]), 'S'), { type: 'buffer', bookType: 'ods' }) as Buffer],
    ['a truncated xlsx', xlsx([HEADERS, GOOD_ROW]).subarray(0, 600)],
  ])('refuses %s as not an Excel/CSV/JSON file', async (_name, bytes) => {
    const { error } = await collect(bytes);
    expect(error).toContain('文件不是有效的 Excel/CSV/JSON 文件');
  });

  it('refuses the old .xls format with a way out', async () => {
    const bytes = XLSX.write(XLSX.utils.book_new(XLSX.utils.aoa_to_sheet([HEADERS]), 'S'), { type: 'buffer', bookType: 'biff8' }) as Buffer;
    expect((await collect(bytes)).error).toBe('不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后上传');
  });

  it('refuses an empty file, a blank CSV and a CSV that is only a BOM', async () => {
    expect((await collect(Buffer.alloc(0))).error).toBe('文件为空');
    expect((await collect(Buffer.from(' \r\n\r\n'))).error).toBe('文件为空');
    expect((await collect(Buffer.from([0xef, 0xbb, 0xbf]))).error).toBe('文件为空');
  });

  it('refuses a workbook without data rows', async () => {
    expect((await collect(xlsx([HEADERS, [], ['']]))).error).toBe('文件中没有数据行：第一行为列标题，请从第二行起每行填写一条记录');
    expect((await collect(xlsx([]))).error).toContain('文件中没有内容');
  });

  it('names the missing headers', async () => {
    const headers = HEADERS.filter((h) => h !== '技术领域' && h !== '完成日期');
    expect((await collect(xlsx([headers, ['a']]))).error).toBe(
      '缺少列：「技术领域」「完成日期」。请使用平台下载的模板，第一行为列标题，不要删除或改名',
    );
  });

  it('says which column should be where when headers are reordered', async () => {
    const headers = [HEADERS[0], HEADERS[2], HEADERS[1], ...HEADERS.slice(3)];
    expect((await collect(xlsx([headers, ['a']]))).error).toBe(
      '列的顺序与模板不一致：第 2 列（B 列）应为「成果类型」，实际为「技术领域」；第 3 列（C 列）应为「技术领域」，实际为「成果类型」。请按模板的列顺序填写',
    );
  });

  it('refuses more data rows than the kind allows', async () => {
    const rows = [HEADERS, ...Array.from({ length: 4 }, (_, i) => [`成果${i}`, '软件著作权'])];
    const { rows: read, error } = await collect(xlsx(rows), testKind({ maxRows: 3 }));
    expect(error).toBe('数据行数超过上限：一个文件最多 3 行，请拆分为多个文件分别上传');
    expect(read).toHaveLength(3);
  });

  it('refuses merged cells, naming them', async () => {
    const bytes = xlsx([HEADERS, ['合并', '软件著作权'], ['', '软件著作权']], (ws) => {
      ws['!merges'] = [{ s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }];
    });
    expect((await collect(bytes)).error).toBe('文件含有合并单元格（A2:A3），请取消合并，在每个单元格填写完整内容后重新上传');
  });
});

describe('parseUpload: CSV and JSON', () => {
  it('reads UTF-8 CSV with a BOM, quoted commas, quotes and line breaks', async () => {
    const text = `\uFEFF${csvLine(HEADERS)}\r\n${csvLine(['含,逗号', '软件著作权', '', 'a;b', '2024/5/1', '1,234.5', '', '', '', '第一行\n第二行 "引号"'])}\r\n`;
    const { rows, error } = await collect(Buffer.from(text, 'utf8'));
    expect(error).toBeUndefined();
    expect(rows[0]?.rowNumber).toBe(2);
    expect(rows[0]?.result).toMatchObject({
      ok: true,
      value: { title: '含,逗号', type: 'software', keywords: ['a', 'b'], completedOn: '2024-05-01', price: 123_450, summary: '第一行\n第二行 "引号"' },
    });
  });

  it('reads UTF-8 CSV without BOM and unquoted', async () => {
    const text = `${HEADERS.join(',')}\n激光,实用新型,,,,,,,,\n`;
    const { rows } = await collect(Buffer.from(text, 'utf8'));
    expect(rows[0]?.result).toMatchObject({ ok: true, value: { title: '激光', type: 'utility' } });
  });

  it('reads GB18030 CSV as Excel for Chinese Windows saves it', async () => {
    const bytes = gb18030(`${HEADERS.join(',')}\r\n激光焊接方法,发明专利,人工智能,,2024年5月1日,,2,,是,\r\n`);
    expect(detectFormat(bytes)).toBe('csv');
    const { rows, error } = await collect(bytes);
    expect(error).toBeUndefined();
    expect(rows[0]?.result).toMatchObject({ ok: true, value: { title: '激光焊接方法', type: 'invention', fields: ['ai'], completedOn: '2024-05-01', open: true } });
  });

  it('reports row errors with CSV record numbers', async () => {
    const text = `${HEADERS.join(',')}\n,软件著作权\n`;
    const { rows } = await collect(Buffer.from(text));
    expect(messages(rows[0])).toEqual(['第 2 行「成果名称」不能为空（必填）']);
  });

  it('reads JSON keyed by header or by key, with arrays for multi-value columns', async () => {
    const json = JSON.stringify([
      { 成果名称: '按列名', 成果类型: '发明专利', 专利数量: 2, 关键词: ['激光', '焊接'], 是否公开: true, 外部编号: 'X-1' },
      { title: '按字段名', type: 'software', fields: ['人工智能', 'bio'], price: 100 },
      { title: { nested: true }, type: 'software' },
      '不是对象',
    ]);
    const { rows, error } = await collect(Buffer.from(json));
    expect(error).toBeUndefined();
    expect(rows[0]?.result).toMatchObject({ ok: true, value: { title: '按列名', type: 'invention', patents: 2, keywords: ['激光', '焊接'], open: true } });
    expect(rows[1]?.result).toMatchObject({ ok: true, value: { title: '按字段名', fields: ['ai', 'bio'], price: 10_000 } });
    expect(messages(rows[2])).toEqual(['第 3 行「成果名称」单元格内容无效（不能是对象）']);
    expect(messages(rows[3])[0]).toContain('第 4 行：应为一个对象');
  });

  it('refuses JSON that is not an array of our objects, or is malformed', async () => {
    expect((await collect(Buffer.from('{"成果名称": "x"}'))).error).toBe('JSON 文件应为对象数组，如 [{"成果名称": "…"}]');
    expect((await collect(Buffer.from('[{"成果名称": "x"}'))).error).toContain('JSON 格式错误');
    expect((await collect(Buffer.from('[{"foo": 1}]'))).error).toContain('文件不是有效的 Excel/CSV/JSON 文件');
    expect((await collect(Buffer.from('[]'))).error).toBe('文件中没有数据行：第一行为列标题，请从第二行起每行填写一条记录');
  });
});

describe('buildTemplate', () => {
  it('writes the data sheet, dropdowns, formats and instructions', async () => {
    const bytes = await buildTemplate(KIND);
    const wb = XLSX.read(bytes);
    expect(wb.SheetNames).toEqual(['测试成果', '填写说明', '选项']);
    const data = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.测试成果 as XLSX.WorkSheet, { header: 1 });
    expect(data).toEqual([HEADERS]);
    const help = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.填写说明 as XLSX.WorkSheet, { header: 1 }).map((r) => r.join('|'));
    expect(help.join('\n')).toContain('一个文件最多 1,000 行数据');
    expect(help.join('\n')).toContain('请勿合并单元格');
    expect(help.some((r) => r.startsWith('成果类型|type|是|单选（从下拉列表选择）|发明专利、实用新型、软件著作权'))).toBe(true);
    expect(help.some((r) => r.startsWith('技术领域|fields|否|多选（可填多个，用、分隔）'))).toBe(true);

    // Dropdowns and the frozen header, read back with exceljs (SheetJS does not read validations).
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.getWorksheet('测试成果');
    const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    // exceljs expands the range of a validation into cells when it loads a workbook.
    expect(validations.B2).toMatchObject({ type: 'list', formulae: ["'选项'!$A$2:$A$4"], showErrorMessage: true });
    expect(validations.B1001).toBeDefined();
    expect(validations.B1002).toBeUndefined();
    expect(validations.C2).toMatchObject({ type: 'list', formulae: ["'选项'!$B$2:$B$4"] });
    expect(validations.C2?.showErrorMessage).toBeFalsy();
    expect(validations.I2).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.getColumn(5).numFmt).toBe('yyyy-mm-dd');
    expect(ws?.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('reads back as a file with no data rows, and as valid rows once filled in', async () => {
    const template = await buildTemplate(KIND);
    expect((await collect(template)).error).toBe('文件中没有数据行：第一行为列标题，请从第二行起每行填写一条记录');
    const wb = XLSX.read(template);
    XLSX.utils.sheet_add_aoa(wb.Sheets.测试成果 as XLSX.WorkSheet, [GOOD_ROW], { origin: 'A2' });
    const filled = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const { rows, error } = await collect(filled);
    expect(error).toBeUndefined();
    expect(rows[0]?.result.ok).toBe(true);
  });
});
