// Shared plumbing for the project's own scripts (start, test, build): progress lines, running
// commands, and making sure MySQL and Redis are there. Plain Node, no dependencies, so it works
// before `npm ci` has run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const color = (code) => (text) => (process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
const green = color(32);
const red = color(31);
const dim = color(2);

/** A failure with the fix a person should apply. */
export class StepError extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
}

/** Runs one step with a progress line; on failure prints what failed and how to fix it, then exits. */
export async function step(title, fn) {
  const started = Date.now();
  process.stdout.write(`▶ ${title}\n`);
  try {
    const note = await fn();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${green('✔')} ${title}${note ? ` — ${note}` : ''} ${dim(`(${seconds}s)`)}\n`);
    return note;
  } catch (error) {
    process.stdout.write(`${red('✖')} ${title} failed: ${error.message}\n`);
    if (error.fix) process.stdout.write(`  fix: ${error.fix}\n`);
    process.exit(1);
  }
}

/** Runs a command with inherited output (or captured when quiet); rejects with its tail on failure. */
export function run(command, args, { cwd = ROOT, env = {}, quiet = false, fix } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (error) => reject(new StepError(`${command} could not start: ${error.message}`, fix)));
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else {
        const tail = output.trim().split('\n').slice(-25).join('\n');
        reject(new StepError(`${command} ${args.join(' ')} exited with ${code}${tail ? `\n${tail}` : ''}`, fix));
      }
    });
  });
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export async function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return 'already installed';
  await run('npm', ['ci', '--no-audit', '--no-fund'], {
    quiet: true,
    fix: 'check that the npm registry is reachable, then run `npm ci` yourself to see the full error',
  });
  return 'npm ci done';
}

const isLocal = (host) => ['127.0.0.1', 'localhost', '::1'].includes(host);

function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (await canConnect(host, port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const which = (binary) => spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).stdout.trim();

/** MySQL/MariaDB answers at DATABASE_URL; a local Debian MariaDB that is installed but stopped is started. */
export async function ensureMysql(databaseUrl) {
  const url = new URL(databaseUrl);
  const host = url.hostname;
  const port = Number(url.port || 3306);
  if (await canConnect(host, port)) return `${host}:${port} is up`;
  const compose = 'or start the containers of docker-compose.yml: `docker compose up -d`';
  if (!isLocal(host))
    throw new StepError(
      `MySQL at ${host}:${port} does not answer`,
      `start it, or set DATABASE_URL to a running MySQL 8 / MariaDB 10.11+`,
    );
  const daemon = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p));
  if (!daemon) {
    throw new StepError(
      `nothing listens on ${host}:${port} and no MySQL/MariaDB server is installed`,
      `install it (\`sudo apt-get install -y mariadb-server\`) ${compose}, or set DATABASE_URL`,
    );
  }
  const starter = which('start-stop-daemon');
  if (starter) {
    spawnSync(starter, ['--start', '--oknodo', '--background', '--exec', daemon], { stdio: 'ignore' });
  } else {
    spawn(daemon, [], { detached: true, stdio: 'ignore' }).unref();
  }
  if (!(await waitFor(host, port, 30))) {
    throw new StepError(
      `started ${daemon} but ${host}:${port} still does not answer`,
      `start it yourself (\`sudo service mariadb start\`) ${compose}`,
    );
  }
  return `started ${path.basename(daemon)} on ${host}:${port}`;
}

/** Redis answers at REDIS_URL; a local Debian redis-server that is installed but stopped is started. */
export async function ensureRedis(redisUrl) {
  const url = new URL(redisUrl);
  const host = url.hostname;
  const port = Number(url.port || 6379);
  if (await canConnect(host, port)) return `${host}:${port} is up`;
  if (!isLocal(host))
    throw new StepError(`Redis at ${host}:${port} does not answer`, 'start it, or set REDIS_URL to a running Redis 7');
  const server = which('redis-server');
  if (!server) {
    throw new StepError(
      `nothing listens on ${host}:${port} and redis-server is not installed`,
      'install it (`sudo apt-get install -y redis-server`) or start the containers of docker-compose.yml: `docker compose up -d`',
    );
  }
  spawnSync(
    server,
    ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  if (!(await waitFor(host, port, 15)))
    throw new StepError(
      `started redis-server but ${host}:${port} still does not answer`,
      'start it yourself: `redis-server --daemonize yes`',
    );
  return `started redis-server on ${host}:${port}`;
}

/** Prisma Client generated offline (see prisma-generate.mjs). */
export function generatePrismaClient() {
  return run(process.execPath, [path.join(ROOT, 'scripts', 'prisma-generate.mjs')], {
    quiet: true,
    env: { QUIET: '1' },
  });
}

/** Compiles shared (the contract) and then the server to JavaScript. */
export async function buildServer() {
  await run('npx', ['tsc', '-p', 'shared/tsconfig.build.json'], { quiet: true });
  await run('npx', ['tsc', '-p', 'server/tsconfig.build.json'], { quiet: true });
}

/** Builds the mini-program for one platform: `weapp` (WeChat DevTools) or `h5` (browsers, e2e). */
export function buildMiniapp(type) {
  return run('npm', ['run', `build:${type}`, '-w', 'miniapp'], { quiet: true });
}

/** The Debian Chromium the browser tests drive; installed when missing and we are root with apt. */
export async function ensureChromium() {
  const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  if (existsSync('/usr/bin/chromium') && existsSync(font)) return 'present';
  const fix = "install Debian's Chromium: `sudo apt-get install -y chromium`";
  if (process.getuid?.() !== 0 || !which('apt-get')) throw new StepError('/usr/bin/chromium is missing', fix);
  await run('apt-get', ['update'], { quiet: true, fix });
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    quiet: true,
    fix,
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
  return 'installed chromium';
}
