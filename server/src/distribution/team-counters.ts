import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { pathSegment } from './binding.policy';

/** Ancestors of a path, nearest first (the last segment is the distributor itself). */
export function ancestorsOf(path: string): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .slice(0, -1)
    .map((segment) => parseInt(segment, 36))
    .reverse();
}

/** Deepest tree the path column holds: 760 characters of base-36 ids (≤ 7 characters each) and slashes. */
export const MAX_PATH_LENGTH = 760;

/**
 * The distributor tree: a materialized path (`/root/…/self/`, ids in base 36) for subtree queries,
 * plus counters maintained along the path — team size, direct count, own and team sales — so that
 * "how big is my team" is one primary-key read whatever the tree's size. Joining or selling costs
 * one UPDATE over the ancestors (depth rows); {@link recount} is the ground truth from the path.
 */
@Injectable()
export class TeamCounters {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Places a newly approved distributor under `parent` (or at the root) and counts them upwards. */
  async join(tx: Tx, userId: number, parent: { userId: number; path: string; depth: number } | null) {
    let path = `${parent?.path ?? '/'}${userId.toString(36)}/`;
    let depth = parent ? parent.depth + 1 : 0;
    const parentId = parent?.userId ?? null;
    if (path.length > MAX_PATH_LENGTH) {
      // Beyond ~100 levels the path starts again here: the parent (and so L2) stays, but the
      // ancestors above this point no longer count this branch in their team.
      path = pathSegment(userId);
      depth = 0;
    }
    await tx.distributor.update({ where: { userId }, data: { path, depth, parentId } });
    const ancestors = ancestorsOf(path);
    if (ancestors.length) {
      await tx.distributor.updateMany({ where: { userId: { in: ancestors } }, data: { teamSize: { increment: 1 } } });
      await tx.distributor.update({ where: { userId: ancestors[0] }, data: { directCount: { increment: 1 } } });
    }
    return { path, depth, parentId };
  }

  /** Own sales of a distributor (settled, net of refunds) and the team sales of everyone above; tiers follow. */
  async addSales(tx: Tx, userId: number, delta: number): Promise<void> {
    if (delta === 0) return;
    const me = await tx.distributor.update({
      where: { userId },
      data: { ownSales: { increment: delta } },
      select: { path: true, ownSales: true, tierId: true },
    });
    const ancestors = ancestorsOf(me.path);
    if (ancestors.length)
      await tx.distributor.updateMany({
        where: { userId: { in: ancestors } },
        data: { teamSales: { increment: delta } },
      });
    if (delta > 0) await this.upgradeTier(tx, userId, me.ownSales, me.tierId);
  }

  /** Tiers only go up (by own sales); a later refund does not demote. */
  private async upgradeTier(tx: Tx, userId: number, ownSales: number, currentTierId: number | null) {
    const tiers = await tx.distributorTier.findMany({ orderBy: [{ minSales: 'asc' }, { id: 'asc' }] });
    const reached = tiers.filter((t) => t.minSales <= ownSales).pop();
    if (!reached || reached.id === currentTierId) return;
    const current = tiers.find((t) => t.id === currentTierId);
    if (current && current.minSales >= reached.minSales) return;
    await tx.distributor.update({ where: { userId }, data: { tierId: reached.id } });
  }

  /** Team size and team sales counted from the path (what the counters must equal). */
  async recount(userId: number): Promise<{ teamSize: number; teamSales: number }> {
    const me = await this.prisma.client.distributor.findUnique({ where: { userId }, select: { path: true } });
    if (!me?.path) return { teamSize: 0, teamSales: 0 };
    const [row] = await this.prisma.client.$queryRaw<{ size: bigint | number; sales: unknown }[]>`
      SELECT COUNT(*) AS size, COALESCE(SUM(own_sales), 0) AS sales
        FROM distributor WHERE path LIKE ${`${me.path}%`} AND user_id <> ${userId}`;
    return { teamSize: Number(row.size), teamSales: Number(row.sales) };
  }
}
