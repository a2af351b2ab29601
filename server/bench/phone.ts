import net from 'node:net';
import type { HttpResponse } from './load';

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * One buyer's phone for the hot item: one kept-alive HTTP/1.1 connection, one request at a time.
 * A minimal client (like wrk or autocannon): the request is written as prepared bytes in one
 * write and the answer is parsed from the socket (status line, Content-Length or chunked body,
 * JSON). On this 2-core machine the load generator shares the CPU with the server, and Node's
 * http client costs several times more CPU per request than this.
 */
export class Phone {
  private socket: net.Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve: (res: HttpResponse) => void; reject: (error: Error) => void } | null = null;
  /** TCP connections this phone opened. */
  connections = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  static of(baseUrl: string): Phone {
    const url = new URL(baseUrl);
    return new Phone(url.hostname, Number(url.port));
  }

  /** The bytes of one request, built ahead of time. */
  prepare(method: string, path: string, options: { token?: string; body?: unknown } = {}): Buffer {
    const payload = options.body === undefined ? '' : JSON.stringify(options.body);
    const lines = [`${method} ${path} HTTP/1.1`, `host: ${this.host}:${this.port}`, 'connection: keep-alive'];
    if (options.token) lines.push(`authorization: Bearer ${options.token}`);
    if (payload || method !== 'GET') {
      lines.push('content-type: application/json', `content-length: ${Buffer.byteLength(payload)}`);
    }
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${payload}`);
  }

  request(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<HttpResponse> {
    return this.send(this.prepare(method, path, options));
  }

  /** Sends prepared bytes on the kept-alive connection (opening one when there is none) and reads the answer. */
  async send(request: Buffer): Promise<HttpResponse> {
    if (this.pending) throw new Error('a phone sends one request at a time');
    const socket = this.socket ?? (await this.connect());
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        this.connections += 1;
        this.socket = socket;
        this.buffered = Buffer.alloc(0);
        socket.off('error', reject);
        socket.on('error', (error) => this.fail(error));
        resolve(socket);
      });
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
        this.fail(new Error('the server closed the connection'));
      });
    });
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const response = parseResponse(this.buffered);
    if (!response || !this.pending) return;
    this.buffered = this.buffered.subarray(response.length);
    if (response.close) this.close();
    const { resolve } = this.pending;
    this.pending = null;
    resolve({ status: response.status, body: response.body });
  }
}

/** One complete HTTP/1.1 response at the start of `data`, or null while it is incomplete. */
export function parseResponse(data: Buffer): { status: number; body: unknown; length: number; close: boolean } | null {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return null;
  const [statusLine, ...headerLines] = data.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const start = headerEnd + HEADER_END.length;
  let body: Buffer;
  let length: number;
  if (headers.get('transfer-encoding')?.toLowerCase() === 'chunked') {
    const chunks: Buffer[] = [];
    let at = start;
    for (;;) {
      const lineEnd = data.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
      if (data.length < lineEnd + 2 + size + 2) return null;
      if (size === 0) {
        length = lineEnd + 4;
        break;
      }
      chunks.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(chunks);
  } else {
    const contentLength = Number(headers.get('content-length') ?? 0);
    if (data.length < start + contentLength) return null;
    body = data.subarray(start, start + contentLength);
    length = start + contentLength;
  }
  const text = body.toString('utf8');
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status, body: parsed, length, close: headers.get('connection')?.toLowerCase() === 'close' };
}
