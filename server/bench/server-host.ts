import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { RollupService } from '../src/analytics';
import { rollUpSeededDays } from '../src/seed/demo-analytics';
import { startStack, type Stack } from '../test/support/stack';

/**
 * The server under test, in its own process (as in production): a fresh database with the demo
 * shop, the real server and the WeChat sandbox. The bench talks to it over HTTP and drives it
 * over IPC: `profile-start` / `profile-stop` record a V8 CPU profile of a phase, `rollup` rolls
 * up days one after the other with the server's RollupService (answering each day's milliseconds),
 * `close` drops the database and exits.
 */
export interface HostReady {
  type: 'ready';
  baseUrl: string;
  sandboxUrl: string;
  databaseUrl: string;
  poolSize: number;
}

export type HostCommand =
  { type: 'profile-start' } | { type: 'profile-stop' } | { type: 'rollup'; days: string[] } | { type: 'close' };

/** The answer to `rollup`: each day's rollup time, or what went wrong. */
export interface HostRolled {
  type: 'rolled';
  ms: number[];
  error?: string;
}

async function main() {
  const poolSize = process.env.BENCH_POOL_SIZE ?? '10';
  const stack: Stack = await startStack({
    label: 'bench',
    seed: true,
    env: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', DATABASE_POOL_SIZE: poolSize },
  });
  const send = (message: unknown) => process.send?.(message);
  let session: Session | undefined;
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await stack.close().catch((error) => console.error('closing the stack failed:', error));
    send({ type: 'closed' });
    process.exit(0);
  };

  process.on('message', async (command: HostCommand) => {
    if (command.type === 'close') return close();
    if (command.type === 'profile-start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      send({ type: 'profile-started' });
    }
    if (command.type === 'rollup') {
      const ms: number[] = [];
      try {
        const rollups = stack.server.app.get(RollupService);
        for (const day of command.days) {
          const began = performance.now();
          await rollUpSeededDays(rollups, [day]);
          ms.push(performance.now() - began);
        }
        send({ type: 'rolled', ms } satisfies HostRolled);
      } catch (error) {
        send({ type: 'rolled', ms, error: String((error as Error)?.stack ?? error) } satisfies HostRolled);
      }
    }
    if (command.type === 'profile-stop' && session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      send({ type: 'profile', profile });
    }
  });
  // The bench died: do not leave the scratch database behind.
  process.on('disconnect', () => void close());

  const ready: HostReady = {
    type: 'ready',
    baseUrl: stack.baseUrl,
    sandboxUrl: stack.sandboxUrl,
    databaseUrl: stack.database.url,
    poolSize: Number(poolSize),
  };
  send(ready);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
