import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One notification the merchant's notify_url received, with its exact bytes. */
export interface ReceivedNotification {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  answeredStatus: number;
}

export interface Answer {
  status: number;
  body?: string;
}

/**
 * A tiny merchant notify receiver (node:http) for tests: records every request and answers with
 * `handle` (default 204). `script(path, [500, 500, 204])` makes a path answer those statuses in
 * turn before falling back to `handle`.
 */
export interface NotifyReceiver {
  url: string;
  received: ReceivedNotification[];
  handle: (request: { path: string; headers: IncomingHttpHeaders; rawBody: string }) => Answer;
  script(path: string, statuses: number[]): void;
  on(path: string): ReceivedNotification[];
  waitFor(path: string, count: number, timeoutMs?: number): Promise<ReceivedNotification[]>;
  close(): Promise<void>;
}

export async function startNotifyReceiver(): Promise<NotifyReceiver> {
  const scripts = new Map<string, number[]>();
  const receiver: NotifyReceiver = {
    url: '',
    received: [],
    handle: () => ({ status: 204 }),
    script(path, statuses) {
      scripts.set(path, [...statuses]);
    },
    on(path) {
      return receiver.received.filter((entry) => entry.path === path);
    },
    async waitFor(path, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const got = receiver.on(path);
        if (got.length >= count) return got;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`expected ${count} notifications on ${path}, got ${receiver.on(path).length}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0];
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const scripted = scripts.get(path)?.shift();
      const answer =
        scripted !== undefined ? { status: scripted } : receiver.handle({ path, headers: request.headers, rawBody });
      receiver.received.push({ path, headers: request.headers, rawBody, answeredStatus: answer.status });
      response.writeHead(answer.status, answer.body ? { 'content-type': 'application/json' } : {});
      response.end(answer.body ?? '');
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
