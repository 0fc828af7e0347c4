/**
 * RFC 6266 / 5987 Content-Disposition: an ASCII fallback name plus the UTF-8 name, so Chinese
 * file names survive every browser.
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string, fallback?: string): string {
  const ascii = (fallback ?? fileName).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
