import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './file-types.js';

describe('sniffMediaType', () => {
  it('recognises files by content', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))?.mediaType).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.extension).toBe('png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))?.extension).toBe('jpg');
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml')]);
    expect(sniffMediaType(docx)?.extension).toBe('docx');
  });

  it('refuses a script or a plain zip whatever its name', () => {
    expect(sniffMediaType(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeNull();
    expect(sniffMediaType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMediaType(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('payload.exe')]))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});
