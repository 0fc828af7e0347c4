import ExcelJS from 'exceljs';
import { KIND_LABELS } from './cells.js';
import type { ColumnSpec, RecordKind } from './collection.types.js';

/**
 * The Excel template of a record kind: a data sheet named after the kind (bold, frozen headers;
 * dropdowns for enum columns; text/date/number formats per column), a 填写说明 sheet listing every
 * column and the file rules, and a hidden 选项 sheet holding the dropdown lists (a list typed into
 * the validation itself is limited to 255 characters and cannot contain commas).
 */

export const INSTRUCTIONS_SHEET = '填写说明';
export const OPTIONS_SHEET = '选项';

const KIND_DESCRIPTIONS: Record<ColumnSpec['kind'], string> = {
  text: '文本',
  longtext: '长文本',
  integer: '整数（不能为负数）',
  decimal: '数字，可含小数（不能为负数）',
  money: '金额，单位元（如 1234.56、1,234.56 或 12.5万）',
  date: '日期（如 2024-05-01、2024/5/1 或 2024年5月1日）',
  enum: '单选（从下拉列表选择）',
  multi_enum: '多选（可填多个，用、分隔）',
  list: '多个值（用、或 ; 分隔）',
  boolean: '是 / 否',
};

const NUM_FMT: Partial<Record<ColumnSpec['kind'], string>> = {
  // Text format keeps Excel from turning codes and phone numbers into numbers or dates.
  text: '@',
  longtext: '@',
  list: '@',
  multi_enum: '@',
  enum: '@',
  integer: '0',
  decimal: 'General',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
};

/** Display width of a string in Excel's units (a CJK character is about two). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2.1 : 1.1;
  return w;
}

function columnWidth(c: ColumnSpec): number {
  const header = textWidth(c.header) + 4;
  const base =
    c.kind === 'longtext' ? 48
      : c.kind === 'date' ? 14
        : c.kind === 'enum' || c.kind === 'multi_enum' ? Math.max(...(c.options ?? []).map((o) => textWidth(o.label) + 4), 12)
          : c.kind === 'text' || c.kind === 'list' ? 24
            : 14;
  return Math.round(Math.min(Math.max(header, base, 10), 60));
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** exceljs supports sheet-wide data validations by range, but its typings omit them. */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

export function fileRules(kind: Pick<RecordKind<unknown>, 'label' | 'maxRows'>): string[] {
  return [
    `数据填写在「${kind.label}」工作表：第一行为列标题，请勿修改、删除或调整列的顺序；每行填写一条记录，空行会被忽略。`,
    `一个文件最多 ${kind.maxRows.toLocaleString('en-US')} 行数据（不含标题行），超过请拆分为多个文件分别上传。`,
    '请勿使用公式（复制公式结果时请用“选择性粘贴 → 数值”），请勿合并单元格。',
    '一个单元格中填写多个值时，用“、”或“;”分隔，如：人工智能、机器学习。',
    '日期可填写 2024-05-01、2024/5/1 或 2024年5月1日；数字可用全角或半角；金额单位为元。',
    '也可以上传 CSV（UTF-8 或 GBK/GB18030 编码，列与本模板相同）或 JSON（对象数组，键为列标题或字段名）。',
    '同一文件重复上传不会产生重复记录：已存在的记录计为“已存在”。',
  ];
}

/** Builds the template workbook of a kind. */
export async function buildTemplate(kind: RecordKind<unknown>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '科惠 技术转移公共服务平台';
  const data = wb.addWorksheet(kind.label, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }] });
  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });

  data.columns = kind.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: columnWidth(c),
    style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {},
  }));
  const headerRow = data.getRow(1);
  headerRow.height = 22;
  kind.columns.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = 'General';
    const note = [c.required ? '必填。' : '选填。', KIND_DESCRIPTIONS[c.kind], c.help ?? ''].filter(Boolean).join(' ');
    cell.note = note;
  });

  // Dropdowns: enum lists live on the hidden options sheet, one column per enum column.
  const validations = (data as unknown as WithValidations).dataValidations;
  const lastRow = kind.maxRows + 1;
  let optionColumn = 0;
  kind.columns.forEach((c, i) => {
    const range = `${columnLetter(i)}2:${columnLetter(i)}${lastRow}`;
    if ((c.kind === 'enum' || c.kind === 'multi_enum') && c.options?.length) {
      const letter = columnLetter(optionColumn++);
      options.getCell(`${letter}1`).value = c.header;
      c.options.forEach((o, j) => {
        options.getCell(`${letter}${j + 2}`).value = o.label;
      });
      const isMulti = c.kind === 'multi_enum';
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${c.options.length + 1}`],
        // Several values ("A、B") are not in the list: for multi_enum the dropdown only helps.
        showErrorMessage: !isMulti,
        errorStyle: 'stop',
        errorTitle: '不在可选值中',
        error: `请从下拉列表中选择「${c.header}」`,
        showInputMessage: isMulti,
        promptTitle: c.header,
        prompt: isMulti ? '可多选：从列表选一个，或直接输入多个，用、分隔' : '',
      });
    } else if (c.kind === 'boolean') {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: ['"是,否"'],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '请选择',
        error: '请选择“是”或“否”',
      });
    }
  });

  // Instructions.
  help.columns = [
    { width: 22 },
    { width: 16 },
    { width: 8 },
    { width: 30 },
    { width: 40 },
    { width: 50 },
    { width: 36 },
  ];
  const title = help.addRow([`${kind.label}批量采集模板 · 填写说明`]);
  title.font = { bold: true, size: 14 };
  help.addRow([]);
  help.addRow(['文件规则']).font = { bold: true };
  fileRules(kind).forEach((rule, i) => {
    help.addRow([`${i + 1}. ${rule}`]);
  });
  help.addRow([]);
  const head = help.addRow(['列名', '字段名', '必填', '类型', '可选值', '说明', '示例']);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  for (const c of kind.columns) {
    const row = help.addRow([
      c.header,
      c.key,
      c.required ? '是' : '否',
      KIND_DESCRIPTIONS[c.kind] ?? KIND_LABELS[c.kind],
      c.options?.length ? c.options.map((o) => o.label).join('、') : '',
      [c.help ?? '', c.maxLength ? `${c.kind === 'list' ? '每项' : ''}不超过 ${c.maxLength} 个字` : ''].filter(Boolean).join('；'),
      c.example ?? '',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (c.required) row.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}
