import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * Who used the CPU during a scenario, from /proc (Linux): the server process, this load
 * generator, MariaDB, Redis and the whole machine. The machine is shared, so the rest (other
 * people's tests) is printed with every result: a number measured while others used half the
 * cores is not comparable with one measured on a quiet machine.
 */

/** CPU time (user + system) of a process in ms from /proc (Linux), or null. */
function cpuTimeMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, at USER_HZ 100
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine (all cores, every process) in ms, from /proc/stat. */
function machineBusyMs(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const idle = ticks[3] + (ticks[4] ?? 0);
    return ((ticks.slice(0, 8).reduce((a, b) => a + b, 0) - idle) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Process ids of the local database and Redis servers, when they run on this machine. */
function pidsOf(names: string[]): number[] {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return names.includes(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU used during a scenario, in ms, by whom (null where /proc does not tell). */
export interface CpuUse {
  wallMs: number;
  server: number | null;
  loadGenerator: number;
  /** MariaDB and Redis serve everyone on the machine: their time includes other people's queries. */
  database: number | null;
  redis: number | null;
  /** Every process on the machine, other people's included (2 cores = 2 ms per ms). */
  machine: number | null;
  /** Share of the machine's capacity used by everything else (other people's tests), 0..1. */
  others: number | null;
}

/** Starts measuring; the returned function stops and tells who used the CPU meanwhile. */
export function cpuMeter(serverPid: number | undefined): () => CpuUse {
  const database = pidsOf(['mariadbd', 'mysqld']);
  const redis = pidsOf(['redis-server']);
  const sum = (pids: number[]) => {
    const times = pids.map(cpuTimeMs).filter((t): t is number => t !== null);
    return times.length ? times.reduce((a, b) => a + b, 0) : null;
  };
  const read = () => ({
    at: performance.now(),
    server: cpuTimeMs(serverPid),
    self: process.cpuUsage(),
    database: sum(database),
    redis: sum(redis),
    machine: machineBusyMs(),
  });
  const before = read();
  return () => {
    const after = read();
    const diff = (a: number | null, b: number | null) => (a !== null && b !== null ? Math.round(b - a) : null);
    const self = process.cpuUsage(before.self);
    const use = {
      wallMs: Math.round(after.at - before.at),
      server: diff(before.server, after.server),
      loadGenerator: Math.round((self.user + self.system) / 1000),
      database: diff(before.database, after.database),
      redis: diff(before.redis, after.redis),
      machine: diff(before.machine, after.machine),
    };
    const ours = (use.server ?? 0) + use.loadGenerator + (use.database ?? 0) + (use.redis ?? 0);
    const capacity = use.wallMs * os.cpus().length;
    const others = use.machine === null || !capacity ? null : Math.max(0, use.machine - ours) / capacity;
    return { ...use, others: others === null ? null : Math.round(others * 100) / 100 };
  };
}

/** `server 380, load generator 60, MariaDB 20, Redis 10 ms; others 12% of the machine`. */
export function describeCpu(use: CpuUse): string {
  const ms = (value: number | null) => (value === null ? '?' : String(value));
  return (
    `server ${ms(use.server)}, load generator ${use.loadGenerator}, MariaDB ${ms(use.database)}, ` +
    `Redis ${ms(use.redis)} ms in ${use.wallMs} ms; other processes used ` +
    `${use.others === null ? '?' : `${Math.round(use.others * 100)}%`} of the ${os.cpus().length} cores`
  );
}
