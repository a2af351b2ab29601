import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { cpuMeter, type CpuUse } from './cpu';

/** One measured scenario: completions in the measuring window and their latencies. */
export interface Measurement {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Status codes (or error names) of the failed requests, with counts. */
  failures: Record<string, number>;
  /** Who used the CPU meanwhile (the server, this process, MariaDB, Redis, everyone else). */
  cpu?: CpuUse;
}

/** A JSON answer; fields are read defensively (`body?.error?.code`), so unknown shapes are fine. */
export interface HttpResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several routes, checked by status first
  body: any;
}

/** Keep-alive HTTP/1.1 client, like a phone's connection pool: one socket per concurrent caller. */
export class HttpClient {
  private readonly agent: http.Agent;
  /** Requests that had to open a new TCP connection (the others reused a kept-alive one). */
  newConnections = 0;

  constructor(maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** JSON in and out; with `parse: false` the body is read and dropped (reads that only need the status). */
  request(
    url: string,
    options: { method?: string; token?: string; body?: unknown; parse?: boolean } = {},
  ): Promise<HttpResponse> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: options.method ?? 'GET', headers, agent: this.agent }, (res) => {
        if (!req.reusedSocket) this.newConnections += 1;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (options.parse === false && status < 400) return resolve({ status, body: undefined });
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status, body });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Latency percentile (nearest rank) of sorted milliseconds. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summarise(
  name: string,
  latencies: number[],
  seconds: number,
  errors: number,
  failures: Record<string, number>,
): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    requests: sorted.length,
    errors,
    seconds: round(seconds, 2),
    perSecond: round(sorted.length / seconds, 1),
    p50Ms: round(percentile(sorted, 0.5), 2),
    p99Ms: round(percentile(sorted, 0.99), 2),
    failures,
  };
}

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Closed loop: `concurrency` callers each run `operation` back to back for `warmupMs` (not
 * counted), then for `durationMs`; an operation counts when it finished inside the window (so
 * the rate is unbiased even when operations are long). `operation` resolves to true for success; a throw or false is an error, named by
 * `failureOf`.
 */
export async function closedLoop(
  name: string,
  options: { concurrency: number; warmupMs: number; durationMs: number; serverPid?: number },
  operation: (caller: number) => Promise<true | string>,
): Promise<Measurement> {
  const start = performance.now();
  const windowStart = start + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  // CPU use is read over the measuring window.
  let stopMeter: (() => CpuUse) | undefined;
  let cpu: CpuUse | undefined;
  const meterOn = setTimeout(() => (stopMeter = cpuMeter(options.serverPid)), options.warmupMs);
  const meterOff = setTimeout(() => (cpu = stopMeter?.()), options.warmupMs + options.durationMs);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let errors = 0;
  const caller = async (index: number) => {
    while (performance.now() < windowEnd) {
      const began = performance.now();
      let outcome: true | string;
      try {
        outcome = await operation(index);
      } catch (error) {
        outcome = (error as Error).message.slice(0, 80);
      }
      const ended = performance.now();
      if (ended < windowStart || ended > windowEnd) continue;
      if (outcome === true) latencies.push(ended - began);
      else {
        errors += 1;
        failures[outcome] = (failures[outcome] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => caller(i)));
  clearTimeout(meterOn);
  clearTimeout(meterOff);
  cpu ??= stopMeter?.();
  return { ...summarise(name, latencies, options.durationMs / 1000, errors, failures), cpu };
}
