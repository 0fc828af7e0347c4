/**
 * A lean HTTP/1.1 keep-alive client for load generators: one socket, one request at a time, GET
 * only. On a two-core machine the load generator shares the CPU with the server it measures, so it
 * should take as little as it can: undici's request() cost ~0.15–0.18 ms of CPU per 20 KB answer
 * (bench:search:load), most of it in its stream machinery; this reads the socket's chunks directly
 * (Content-Length or chunked bodies), as wrk would. It checks every answer's framing and status.
 */
import net from 'node:net';

export interface Answer {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export class KeepAliveConnection {
  private socket: net.Socket | null = null;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** GET `path`; resolves with the status and the whole body once the answer is complete. */
  get(path: string): Promise<Answer> {
    if (this.waiting) return Promise.reject(new Error('one request at a time'));
    const socket = this.socket ?? this.connect();
    return new Promise<Answer>((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nConnection: keep-alive\r\n\r\n`);
    });
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
  }

  private connect(): net.Socket {
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.tryParse();
    });
    const fail = (err: Error) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.chunks = [];
      this.buffered = 0;
      const w = this.waiting;
      this.waiting = null;
      w?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    this.socket = socket;
    return socket;
  }

  /** Completes the pending request when its whole answer has arrived. */
  private tryParse(): void {
    if (!this.waiting) return;
    const data = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [data];
    const headEnd = data.indexOf(HEADER_END);
    if (headEnd < 0) return;
    const head = data.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const bodyStart = headEnd + 4;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let body: Buffer;
    let end: number;
    if (length) {
      end = bodyStart + Number(length[1]);
      if (data.length < end) return;
      body = data.subarray(bodyStart, end);
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = bodyStart;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = Number.parseInt(data.toString('latin1', at, lineEnd), 16);
        if (!Number.isFinite(size)) {
          this.protocolError('bad chunk size');
          return;
        }
        if (size === 0) {
          if (data.length < lineEnd + 4) return;
          end = lineEnd + 4;
          break;
        }
        if (data.length < lineEnd + 2 + size + 2) return;
        parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      this.protocolError('answer without Content-Length or chunked body');
      return;
    }
    const rest = data.subarray(end);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    const w = this.waiting;
    this.waiting = null;
    w.resolve({ status, body });
  }

  private protocolError(message: string): void {
    const w = this.waiting;
    this.waiting = null;
    this.chunks = [];
    this.buffered = 0;
    this.close();
    w?.reject(new Error(message));
  }
}
