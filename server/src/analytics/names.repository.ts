import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/prisma/prisma.service';

/** The names the dashboard tables show next to the figures (products, distributors, posts…). */
@Injectable()
export class NamesRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async productTitles(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.client.product.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true },
    });
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  async distributors(ids: number[]): Promise<Map<number, { code: string; name: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.client.distributor.findMany({
      where: { userId: { in: ids } },
      select: { userId: true, code: true, user: { select: { nickname: true } } },
    });
    return new Map(rows.map((r) => [r.userId, { code: r.code ?? '', name: r.user.nickname }]));
  }

  async communities(): Promise<Array<{ id: number; name: string }>> {
    return this.prisma.client.community.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } });
  }

  async posts(ids: number[]): Promise<Map<number, { title: string; communityId: number }>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.client.post.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true, text: true, communityId: true },
    });
    return new Map(
      rows.map((r) => [
        r.id,
        { title: r.title || Array.from(r.text).slice(0, 30).join(''), communityId: r.communityId },
      ]),
    );
  }

  async campaignTitles(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.client.groupBuyCampaign.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true },
    });
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** The community a WeChat group belongs to: the one with most of the group's users as members. */
  async communityOfGroups(opengids: string[]): Promise<Map<string, number>> {
    if (!opengids.length) return new Map();
    const rows = await this.prisma.client.$queryRaw<Array<{ opengid: string; communityId: number; n: unknown }>>`
      SELECT g.opengid AS opengid, m.community_id AS communityId, COUNT(*) AS n
      FROM user_wechat_group g JOIN community_member m ON m.user_id = g.user_id
      WHERE g.opengid IN (${Prisma.join(opengids)})
      GROUP BY g.opengid, m.community_id
      ORDER BY g.opengid, n DESC, m.community_id ASC`;
    const result = new Map<string, number>();
    for (const row of rows) if (!result.has(row.opengid)) result.set(row.opengid, Number(row.communityId));
    return result;
  }
}
