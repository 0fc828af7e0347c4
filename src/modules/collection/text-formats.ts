import { isUtf8 } from 'node:buffer';

/**
 * Streaming readers of the text formats (CSV, JSON) over an in-memory upload. They decode and
 * tokenize the buffer in slices, so the decoded text of the whole file never exists at once.
 */

/** Thrown for problems with the file as a whole; the message is shown to the user as is. */
export class UploadFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadFileError';
  }
}

const SLICE = 256 * 1024;

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * Text encoding by content: a UTF-16 byte-order mark; else UTF-8 when the bytes are valid UTF-8
 * (with or without BOM); else GB18030, which Excel for Chinese Windows writes as "CSV".
 */
export function detectTextEncoding(bytes: Buffer): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Decoded text in slices; a multi-byte character split across slices is carried over. */
export function* decodeSlices(bytes: Buffer, encoding: TextEncoding, onProgress?: (fraction: number) => void): Generator<string> {
  // The default (ignoreBOM: false) drops a leading byte-order mark.
  const decoder = new TextDecoder(encoding);
  for (let offset = 0; offset < bytes.length; offset += SLICE) {
    const end = Math.min(offset + SLICE, bytes.length);
    const text = decoder.decode(bytes.subarray(offset, end), { stream: end < bytes.length });
    onProgress?.(end / bytes.length);
    if (text) yield text;
  }
}

/**
 * RFC 4180 CSV records (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF).
 * The delimiter is a comma, or a tab when the first line has tabs and no commas (Excel's
 * "Unicode text" export). Yields each record with its 1-based record number.
 */
export function* csvRecords(slices: Iterable<string>): Generator<{ recordNumber: number; fields: string[] }> {
  let delimiter: string | null = null;
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quoteSeen = false; // a quote just closed; the next quote would be an escaped one
  let recordNumber = 0;
  let pendingCR = false;
  let firstLine = '';

  for (const slice of slices) {
    if (delimiter === null) {
      firstLine += slice;
      const nl = firstLine.search(/[\r\n]/);
      if (nl < 0 && firstLine.length < 1_000_000) continue;
      const head = nl < 0 ? firstLine : firstLine.slice(0, nl);
      delimiter = head.includes('\t') && !head.includes(',') ? '\t' : ',';
      yield* consume(firstLine);
      firstLine = '';
      continue;
    }
    yield* consume(slice);
  }
  if (delimiter === null) {
    delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
    yield* consume(firstLine);
  }
  if (inQuotes) throw new UploadFileError(`CSV 文件第 ${recordNumber + 1} 条记录的引号没有闭合，请检查文件是否完整`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    recordNumber++;
    yield { recordNumber, fields };
  }

  function* consume(text: string): Generator<{ recordNumber: number; fields: string[] }> {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (pendingCR) {
        pendingCR = false;
        if (ch === '\n') continue;
      }
      if (inQuotes) {
        if (ch === '"') {
          inQuotes = false;
          quoteSeen = true;
        } else field += ch;
        continue;
      }
      if (ch === '"') {
        if (quoteSeen) {
          // "" inside a quoted field is one quote, and the field stays quoted.
          field += '"';
          inQuotes = true;
        } else if (field === '') {
          inQuotes = true; // a quote at the start of a field opens quoting
        } else {
          field += '"'; // a stray quote inside an unquoted field is kept, as Excel does
        }
        quoteSeen = false;
        continue;
      }
      quoteSeen = false;
      if (ch === delimiter) {
        fields.push(field);
        field = '';
      } else if (ch === '\r' || ch === '\n') {
        fields.push(field);
        field = '';
        recordNumber++;
        const record = fields;
        fields = [];
        if (ch === '\r') pendingCR = true;
        yield { recordNumber, fields: record };
      } else field += ch;
    }
  }
}

/**
 * The elements of a top-level JSON array, one at a time, each parsed on its own: the file is
 * scanned for element boundaries (depth, strings and escapes) instead of parsed as a whole.
 */
export function* jsonArrayElements(slices: Iterable<string>): Generator<{ index: number; value: unknown }> {
  let started = false;
  let ended = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let index = 0;
  let expectElement = true;

  for (const slice of slices) {
    for (let i = 0; i < slice.length; i++) {
      const ch = slice[i] ?? '';
      if (!started) {
        if (/\s/.test(ch) || ch === '\uFEFF') continue;
        if (ch !== '[') throw new UploadFileError('JSON 文件应为对象数组，如 [{"成果名称": "…"}]');
        started = true;
        continue;
      }
      if (ended) {
        if (/\s/.test(ch)) continue;
        throw new UploadFileError('JSON 格式错误：数组结束后还有多余内容');
      }
      if (inString) {
        element += ch;
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (depth === 0 && (ch === ',' || ch === ']')) {
        const text = element.trim();
        if (text === '') {
          // "[]" is an empty array; "[1,,2]" or "[1,]" is malformed.
          if (!(ch === ']' && index === 0 && expectElement)) throw new UploadFileError('JSON 格式错误：数组中有多余的逗号');
        } else {
          index++;
          yield { index, value: parseElement(text, index) };
        }
        element = '';
        expectElement = ch === ',';
        if (ch === ']') ended = true;
        continue;
      }
      element += ch;
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      if (depth < 0) throw new UploadFileError('JSON 格式错误：括号不匹配');
    }
  }
  if (!started) throw new UploadFileError('文件为空');
  if (!ended) throw new UploadFileError('JSON 格式错误：文件不完整（缺少结尾的 ]）');
}

function parseElement(text: string, index: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UploadFileError(`JSON 格式错误：第 ${index} 个元素无法解析`);
  }
}
