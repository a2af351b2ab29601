import { Injectable } from '@nestjs/common';
import { ShortCache } from '../infra/cache/short-cache';

/**
 * Community feeds' short memory: a feed page as every reader sees it, and as each reader sees it
 * (their own likes and favourites, read in one query), kept for a couple of seconds, so a busy
 * community costs a map lookup per read. Every write of a post, a like, a favourite or a comment
 * in this process clears it (PostRepository); other processes see them within `ttlMs`, and view
 * counts lag by as much. Entries of readers who liked nothing on a page share that page's object.
 */
@Injectable()
export class FeedCache extends ShortCache {
  constructor() {
    super(2_000, 20_000);
  }
}
