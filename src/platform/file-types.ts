/**
 * Media types recognised by their content (magic bytes), never by the file name a client sends:
 * a script renamed .pdf is refused. Office Open XML files are zip archives, told apart by the part
 * names inside; legacy Office files share the OLE2 compound-file signature.
 */
export interface SniffedType {
  mediaType: string;
  extension: string;
  label: string;
}

const starts = (b: Buffer, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

export function sniffMediaType(b: Buffer): SniffedType | null {
  if (b.length < 8) return null;
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mediaType: 'application/pdf', extension: 'pdf', label: 'PDF' };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', extension: 'png', label: 'PNG 图片' };
  if (starts(b, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg', label: 'JPEG 图片' };
  if (starts(b, [0x47, 0x49, 0x46, 0x38])) return { mediaType: 'image/gif', extension: 'gif', label: 'GIF 图片' };
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return { mediaType: 'image/webp', extension: 'webp', label: 'WebP 图片' };
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    // Part names are stored uncompressed in the zip's local headers and central directory.
    const names = b.toString('latin1');
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', label: 'Word 文档' };
    if (names.includes('xl/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', label: 'Excel 表格' };
    if (names.includes('ppt/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx', label: 'PowerPoint 演示文稿' };
    return null;
  }
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { mediaType: 'application/x-ole-storage', extension: 'doc', label: 'Office 97-2003 文档' };
  }
  return null;
}
