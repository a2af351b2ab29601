import { performance } from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import { CONCURRENCY, log, rows } from './fixture';
import { closedLoop, HttpClient, round, type Measurement } from './load';
import type { HostReady } from './server-host';

/**
 * The distributor tree at 1,000,000 members: the team size a distributor sees must stay fast.
 * The structure (README "Architecture"): a materialized path per distributor for subtree queries,
 * plus counters maintained along the path (team size, direct count, team sales), so the team view
 * is primary-key and index reads whatever the tree's size. This builds such a tree in the bench
 * database (8 logged-in distributors at the top, ten children per member below), then measures
 * over HTTP `GET /api/v1/distribution/team` of the top distributors (≈125,000 members each) as a
 * ratio of the raw primary-key SELECT, and beside it what the counters save (recounting one team
 * from the path) and what they cost (a join deep in the tree updates every ancestor).
 */

export const TREE_MEMBERS = Number(process.env.BENCH_TREE_MEMBERS ?? 1_000_000);
const ROOTS = 8;
const BRANCHING = 10;
const FIRST_ID = 10_000_000;
const BATCH = 5_000;

export interface TeamSizeResult {
  members: number;
  buildSeconds: number;
  teamView: Measurement;
  recountMs: number;
  recountedMembers: number;
  counterMatchesRecount: boolean;
  joinMs: { p50: number; p99: number; depth: number };
}

interface Node {
  id: number;
  parent: number;
  depth: number;
}

export async function teamSize(
  pool: mysql.Pool,
  ready: HostReady,
  timing: { warmupMs: number; durationMs: number },
): Promise<TeamSizeResult> {
  const t0 = performance.now();
  const http = new HttpClient(CONCURRENCY);
  try {
    const tops: { id: number; token: string }[] = [];
    for (let i = 0; i < ROOTS; i += 1) {
      const res = await http.request(`${ready.baseUrl}/api/v1/auth/wechat-login`, {
        method: 'POST',
        body: { code: `sandbox:bench-tree-${i}` },
      });
      if (res.status !== 200) throw new Error(`login bench-tree-${i}: ${res.status}`);
      const body = res.body as { token: string; user: { id: string } };
      tops.push({ id: Number(body.user.id), token: body.token });
    }

    // The tree, in memory: node i (≥ ROOTS) hangs under node ⌊(i − ROOTS) / BRANCHING⌋.
    const total = Math.max(TREE_MEMBERS, ROOTS);
    const nodes: Node[] = new Array(total);
    for (let i = 0; i < total; i += 1) {
      const parent = i < ROOTS ? -1 : Math.floor((i - ROOTS) / BRANCHING);
      nodes[i] = { id: i < ROOTS ? tops[i].id : FIRST_ID + i, parent, depth: parent < 0 ? 0 : nodes[parent].depth + 1 };
    }
    const teamSizes = new Int32Array(total);
    const directs = new Int32Array(total);
    for (let i = total - 1; i >= ROOTS; i -= 1) {
      const p = nodes[i].parent;
      teamSizes[p] += teamSizes[i] + 1;
      directs[p] += 1;
    }
    const paths: string[] = new Array(total);
    for (let i = 0; i < total; i += 1) {
      const p = nodes[i].parent;
      paths[i] = `${p < 0 ? '/' : paths[p]}${nodes[i].id.toString(36)}/`;
    }

    const connection = await pool.getConnection();
    try {
      await connection.query('SET unique_checks = 0, foreign_key_checks = 0');
      const now = new Date();
      for (let start = ROOTS; start < total; start += BATCH) {
        const end = Math.min(total, start + BATCH);
        const users: unknown[][] = [];
        for (let i = start; i < end; i += 1) users.push([nodes[i].id, `bench-tree-openid-${i}`, `成员${i}`, now, now]);
        await connection.query('INSERT INTO user (id, openid, nickname, created_at, updated_at) VALUES ?', [users]);
      }
      for (let start = 0; start < total; start += BATCH) {
        const end = Math.min(total, start + BATCH);
        const members: unknown[][] = [];
        for (let i = start; i < end; i += 1) {
          const node = nodes[i];
          members.push([
            node.id,
            'APPROVED',
            `T${i.toString(36).toUpperCase()}`.slice(0, 8),
            node.parent < 0 ? null : nodes[node.parent].id,
            paths[i],
            node.depth,
            teamSizes[i],
            directs[i],
            now,
            now,
            now,
          ]);
        }
        await connection.query(
          `INSERT INTO distributor (user_id, status, code, parent_id, path, depth, team_size, direct_count,
                                    applied_at, approved_at, updated_at) VALUES ?`,
          [members],
        );
      }
      await connection.query('SET unique_checks = 1, foreign_key_checks = 1');
    } finally {
      connection.release();
    }
    const buildSeconds = round((performance.now() - t0) / 1000, 1);
    log(`distributor tree: ${total.toLocaleString('en')} members built in ${buildSeconds} s`);

    // The team view of the top distributors, over HTTP, as the mini-program asks for it.
    const teamView = await closedLoop(
      'team size (1M-member tree)',
      { concurrency: CONCURRENCY, ...timing },
      async (caller) => {
        const top = tops[caller % tops.length];
        const res = await http.request(`${ready.baseUrl}/api/v1/distribution/team?pageSize=20`, { token: top.token });
        const body = res.body as { teamSize?: number };
        return res.status === 200 && body.teamSize === teamSizes[caller % tops.length] ? true : `status ${res.status}`;
      },
    );

    // What the counters save: counting one top distributor's team from the path instead.
    const [top] = await rows<{ path: string }>(pool, 'SELECT path FROM distributor WHERE user_id = ?', [tops[0].id]);
    const began = performance.now();
    const [counted] = await rows<{ n: number }>(
      pool,
      'SELECT COUNT(*) AS n FROM distributor WHERE path LIKE ? AND user_id <> ?',
      [`${top.path}%`, tops[0].id],
    );
    const recountMs = round(performance.now() - began, 1);

    // What they cost: a new member joining at the bottom updates each ancestor's counters.
    const deepest = total - 1;
    const ancestors: number[] = [];
    for (let p = nodes[deepest].parent; p >= 0; p = nodes[p].parent) ancestors.push(nodes[p].id);
    const joins: number[] = [];
    for (let j = 0; j < 200; j += 1) {
      const id = FIRST_ID + total + j;
      const s = performance.now();
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        await conn.query(
          'INSERT INTO user (id, openid, nickname, created_at, updated_at) VALUES (?, ?, ?, NOW(3), NOW(3))',
          [id, `bench-tree-join-${j}`, '新成员'],
        );
        await conn.query(
          `INSERT INTO distributor (user_id, status, parent_id, path, depth, applied_at, approved_at, updated_at)
           VALUES (?, 'APPROVED', ?, ?, ?, NOW(3), NOW(3), NOW(3))`,
          [id, nodes[deepest].id, `${paths[deepest]}${id.toString(36)}/`, nodes[deepest].depth + 1],
        );
        await conn.query('UPDATE distributor SET team_size = team_size + 1 WHERE user_id IN (?)', [
          [nodes[deepest].id, ...ancestors],
        ]);
        await conn.query('UPDATE distributor SET direct_count = direct_count + 1 WHERE user_id = ?', [
          nodes[deepest].id,
        ]);
        await conn.commit();
      } finally {
        conn.release();
      }
      joins.push(performance.now() - s);
    }
    joins.sort((a, b) => a - b);
    const [after] = await rows<{ team_size: number }>(pool, 'SELECT team_size FROM distributor WHERE user_id = ?', [
      tops[0].id,
    ]);
    const expectedTop0 = teamSizes[0] + (ancestors.includes(tops[0].id) ? joins.length : 0);
    return {
      members: total,
      buildSeconds,
      teamView,
      recountMs,
      recountedMembers: Number(counted.n),
      counterMatchesRecount: Number(counted.n) === teamSizes[0] && Number(after.team_size) === expectedTop0,
      joinMs: {
        p50: round(joins[Math.floor(joins.length / 2)], 2),
        p99: round(joins[Math.min(joins.length - 1, Math.ceil(joins.length * 0.99) - 1)], 2),
        depth: nodes[deepest].depth + 1,
      },
    };
  } finally {
    http.close();
  }
}
