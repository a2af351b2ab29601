import { Inject, Injectable } from '@nestjs/common';
import { shareQueryOf, type PostProductView, type PostStatus, type PostView } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/prisma/prisma.service';
import { mediaUrl } from '../media/media-url';
import type { PostRow } from './post.repository';

/** The product page a tag opens. */
export const PRODUCT_PAGE = 'pages/product/index';

/**
 * The path of a tagged product: the product page with the author's referral code (`ref`) when
 * the author is a distributor, and the post the visit came from — keys of the shared share query
 * (SHARE_QUERY_KEYS), so a launch from this path is attributed to the post.
 */
export function productPath(productId: number, postId: number, ref: string | null): string {
  const query = new URLSearchParams({ id: String(productId), ...shareQueryOf({ ref, postId: String(postId) }) });
  return `/${PRODUCT_PAGE}?${query.toString()}`;
}

/** A post's images as stored (JSON array of URLs). */
export function imagesOf(row: PostRow): string[] {
  return Array.isArray(row.images) ? (row.images as unknown[]).filter((i): i is string => typeof i === 'string') : [];
}

/**
 * Builds PostViews for a page of posts in a fixed number of queries (authors, distributors,
 * communities, tags and products, the caller's likes and favourites), whatever the page size.
 */
@Injectable()
export class PostViews {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
  ) {}

  async one(row: PostRow, callerId: number): Promise<PostView> {
    return (await this.many([row], callerId))[0];
  }

  /** Views of `rows` as `callerId` sees them; with no caller, as nobody has liked or favourited them. */
  async many(rows: PostRow[], callerId: number | null): Promise<PostView[]> {
    if (rows.length === 0) return [];
    const db = this.prisma.client;
    const postIds = rows.map((r) => r.id);
    const authorIds = [...new Set(rows.map((r) => r.authorId))];
    const communityIds = [...new Set(rows.map((r) => r.communityId))];
    const [authors, distributors, communities, tags, reactions] = await Promise.all([
      db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, nickname: true, avatarUrl: true } }),
      db.distributor.findMany({
        where: { userId: { in: authorIds }, status: 'APPROVED' },
        select: { userId: true, code: true },
      }),
      db.community.findMany({ where: { id: { in: communityIds } }, select: { id: true, name: true } }),
      db.postProduct.findMany({ where: { postId: { in: postIds } }, orderBy: [{ postId: 'asc' }, { sort: 'asc' }] }),
      callerId === null ? [] : this.reactionsOf(callerId, postIds),
    ]);
    const products = tags.length
      ? await db.product.findMany({
          where: { id: { in: [...new Set(tags.map((t) => t.productId))] }, onShelf: true },
          select: { id: true, title: true, minPrice: true, images: true },
        })
      : [];
    const authorById = new Map(authors.map((a) => [a.id, a]));
    const refByAuthor = new Map(distributors.map((d) => [d.userId, d.code]));
    const communityName = new Map(communities.map((c) => [c.id, c.name]));
    const productById = new Map(products.map((p) => [p.id, p]));
    const liked = new Set(reactions.filter((r) => r.kind === 'L').map((r) => r.postId));
    const favourited = new Set(reactions.filter((r) => r.kind === 'F').map((r) => r.postId));
    const base = this.config.publicBaseUrl;

    return rows.map((row) => {
      const author = authorById.get(row.authorId);
      const isDistributor = refByAuthor.has(row.authorId);
      const ref = refByAuthor.get(row.authorId) ?? null;
      const productViews: PostProductView[] = tags
        .filter((t) => t.postId === row.id)
        .flatMap((t) => {
          const product = productById.get(t.productId);
          if (!product) return []; // off the shelf since: not shown
          const images = Array.isArray(product.images) ? (product.images as string[]) : [];
          return [
            {
              id: String(product.id),
              title: product.title,
              price: product.minPrice,
              image: images[0] ? mediaUrl(base, images[0]) : '',
              path: productPath(product.id, row.id, ref),
            },
          ];
        });
      const status = row.status as PostStatus;
      return {
        id: String(row.id),
        communityId: String(row.communityId),
        communityName: communityName.get(row.communityId) ?? '',
        author: {
          id: String(row.authorId),
          nickname: author?.nickname ?? '',
          avatarUrl: mediaUrl(base, author?.avatarUrl ?? ''),
          isDistributor,
        },
        type: row.type,
        title: row.title,
        text: row.text,
        images: imagesOf(row).map((url) => mediaUrl(base, url)),
        videoUrl: row.videoUrl ? mediaUrl(base, row.videoUrl) : null,
        status,
        products: productViews,
        counts: {
          likes: row.likeCount,
          favourites: row.favouriteCount,
          comments: row.commentCount,
          views: row.viewCount,
        },
        liked: liked.has(row.id),
        favourited: favourited.has(row.id),
        pinned: row.pinnedAt !== null,
        featured: row.featuredAt !== null,
        publishAt: row.publishAt?.toISOString() ?? null,
        publishedAt: row.publishedAt?.toISOString() ?? null,
        rejectReason: status === 'REJECTED' || status === 'REMOVED' ? row.rejectReason : null,
        reviewReason: status === 'IN_REVIEW' ? row.rejectReason : null,
        createdAt: row.createdAt.toISOString(),
      };
    });
  }

  /**
   * The page as `callerId` sees it: `page` is shared by every reader (built with no caller); the
   * caller's likes and favourites are read in one query, and a page they touched none of is
   * returned as it is.
   */
  async asSeenBy(page: { items: PostView[]; nextCursor: string | null }, callerId: number) {
    if (page.items.length === 0) return page;
    const reactions = await this.reactionsOf(
      callerId,
      page.items.map((item) => Number(item.id)),
    );
    if (reactions.length === 0) return page;
    const liked = new Set(reactions.filter((r) => r.kind === 'L').map((r) => String(r.postId)));
    const favourited = new Set(reactions.filter((r) => r.kind === 'F').map((r) => String(r.postId)));
    return {
      items: page.items.map((item) =>
        liked.has(item.id) || favourited.has(item.id)
          ? { ...item, liked: liked.has(item.id), favourited: favourited.has(item.id) }
          : item,
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** The caller's likes (L) and favourites (F) among `postIds`, in one query. */
  private reactionsOf(callerId: number, postIds: number[]): Promise<Array<{ postId: number; kind: 'L' | 'F' }>> {
    const ids = Prisma.join(postIds);
    return this.prisma.client.$queryRaw<Array<{ postId: number; kind: 'L' | 'F' }>>`
      SELECT post_id AS postId, 'L' AS kind FROM post_like WHERE user_id = ${callerId} AND post_id IN (${ids})
      UNION ALL
      SELECT post_id AS postId, 'F' AS kind FROM post_favourite WHERE user_id = ${callerId} AND post_id IN (${ids})`;
  }
}
