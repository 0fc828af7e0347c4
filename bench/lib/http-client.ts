/**
 * A lean HTTP/1.1 keep-alive client for load generators: one socket, one request at a time, GET
 * only. On a two-core machine the load generator shares the CPU with the server it measures, so it
 * should take as little as it can: undici's request() cost ~0.15–0.18 ms of CPU per 20 KB answer
 * (bench:search:load), most of it in its stream machinery. This one reads into one buffer per
 * connection (`onread`: no allocation per read, so its own garbage collections do not delay the
 * answers it times) and parses the framing as it arrives (Content-Length or chunked bodies), as wrk
 * does; it keeps a body only when asked to.
 */
import net from 'node:net';

export interface Answer {
  status: number;
  /** Body bytes received (after chunked decoding). */
  length: number;
  /** The body, when the request asked for it. */
  body: Buffer | null;
}

type State = 'head' | 'body' | 'size' | 'data' | 'data-end' | 'trailer';

export class KeepAliveConnection {
  private socket: net.Socket | null = null;
  private readonly readBuffer = Buffer.allocUnsafe(64 * 1024);
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void; keep: boolean } | null = null;
  // The answer being read.
  private state: State = 'head';
  private head: number[] = [];
  private status = 0;
  /** Body bytes still expected (Content-Length) or left in the current chunk. */
  private remaining = 0;
  private length = 0;
  private parts: Buffer[] = [];
  private line = '';

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** GET `path`; resolves once the whole answer has arrived, with its body when `keepBody`. */
  get(path: string, opts: { keepBody?: boolean } = {}): Promise<Answer> {
    if (this.waiting) return Promise.reject(new Error('one request at a time'));
    const socket = this.socket ?? this.connect();
    return new Promise<Answer>((resolve, reject) => {
      this.waiting = { resolve, reject, keep: opts.keepBody === true };
      this.state = 'head';
      this.head = [];
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nConnection: keep-alive\r\n\r\n`);
    });
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
  }

  private connect(): net.Socket {
    const socket = net.connect({
      host: this.host,
      port: this.port,
      onread: { buffer: this.readBuffer, callback: (n: number, buf: Uint8Array) => this.receive(buf, n) },
    });
    socket.setNoDelay(true);
    const fail = (err: Error) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    this.socket = socket;
    return socket;
  }

  private reject(err: Error): void {
    const w = this.waiting;
    this.waiting = null;
    w?.reject(err);
  }

  private protocolError(message: string): void {
    this.reject(new Error(message));
    this.close();
  }

  /** Bytes `buf[0, n)` of the socket (the read buffer, reused by the next read). */
  private receive(buf: Uint8Array, n: number): boolean {
    let i = 0;
    while (i < n) {
      if (!this.waiting) {
        this.protocolError('bytes from the server with no request waiting');
        return false;
      }
      switch (this.state) {
        case 'head': {
          // Header bytes are few: kept one by one until the blank line.
          const c = buf[i++] as number;
          this.head.push(c);
          const h = this.head;
          const len = h.length;
          if (len >= 4 && c === 10 && h[len - 2] === 13 && h[len - 3] === 10 && h[len - 4] === 13) this.startBody();
          break;
        }
        case 'body':
          i += this.take(buf, i, n);
          if (this.remaining === 0) this.finish();
          break;
        case 'size':
        case 'data-end':
        case 'trailer': {
          const c = buf[i++] as number;
          if (c !== 10) {
            if (c !== 13) this.line += String.fromCharCode(c);
            break;
          }
          const line = this.line;
          this.line = '';
          if (this.state === 'data-end') {
            if (line !== '') return this.fail('bad chunk end');
            this.state = 'size';
          } else if (this.state === 'size') {
            const size = Number.parseInt(line.split(';')[0] ?? '', 16);
            if (!Number.isFinite(size) || size < 0) return this.fail('bad chunk size');
            if (size === 0) this.state = 'trailer';
            else {
              this.remaining = size;
              this.state = 'data';
            }
          } else if (line === '') this.finish();
          break;
        }
        case 'data':
          i += this.take(buf, i, n);
          if (this.remaining === 0) this.state = 'data-end';
          break;
      }
    }
    return true;
  }

  private fail(message: string): boolean {
    this.protocolError(message);
    return false;
  }

  private startBody(): void {
    const head = Buffer.from(this.head).toString('latin1');
    this.status = Number(head.slice(9, 12));
    this.length = 0;
    this.parts = [];
    this.line = '';
    const contentLength = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (contentLength) {
      this.remaining = Number(contentLength[1]);
      this.state = 'body';
      if (this.remaining === 0) this.finish();
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) this.state = 'size';
    else this.protocolError('answer without Content-Length or chunked body');
  }

  /** Takes the body bytes still expected from `buf[from, n)`; returns how many. */
  private take(buf: Uint8Array, from: number, n: number): number {
    const count = Math.min(this.remaining, n - from);
    this.remaining -= count;
    this.length += count;
    // Copied out: the read buffer is reused.
    if (this.waiting?.keep) this.parts.push(Buffer.from(buf.subarray(from, from + count)));
    return count;
  }

  private finish(): void {
    const w = this.waiting;
    this.waiting = null;
    this.state = 'head';
    this.head = [];
    w?.resolve({ status: this.status, length: this.length, body: w.keep ? Buffer.concat(this.parts) : null });
    this.parts = [];
  }
}
