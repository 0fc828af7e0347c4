/**
 * The uploaded bytes of recent jobs, kept in memory (there is no file storage for uploads) so the
 * error report can repeat the uploaded rows with an 错误说明 column right after an import.
 * Bounded by total size, least recently used first out; files above `maxFileBytes` are not kept.
 * Lost on restart and not shared between processes: the report then lists the errors only.
 */
export class UploadCache {
  private readonly entries = new Map<string, Buffer>();
  private total = 0;

  constructor(
    readonly maxTotalBytes = 200 * 1024 * 1024,
    readonly maxFileBytes = 20 * 1024 * 1024,
  ) {}

  put(id: string, bytes: Buffer): void {
    this.delete(id);
    if (bytes.length > this.maxFileBytes || bytes.length > this.maxTotalBytes) return;
    this.entries.set(id, bytes);
    this.total += bytes.length;
    for (const [oldest, b] of this.entries) {
      if (this.total <= this.maxTotalBytes) break;
      this.entries.delete(oldest);
      this.total -= b.length;
    }
  }

  get(id: string): Buffer | undefined {
    const bytes = this.entries.get(id);
    if (bytes) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(id);
      this.entries.set(id, bytes);
    }
    return bytes;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  delete(id: string): void {
    const bytes = this.entries.get(id);
    if (!bytes) return;
    this.entries.delete(id);
    this.total -= bytes.length;
  }

  get totalBytes(): number {
    return this.total;
  }
}
