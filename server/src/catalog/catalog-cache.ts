import { Injectable } from '@nestjs/common';
import { ShortCache } from '../infra/cache/short-cache';

/**
 * The shop window's short memory: list pages and the category tree are served from memory for a
 * couple of seconds, so a busy product feed costs a map lookup instead of three queries. The
 * merchant's catalog edits clear it at once in this process; other processes see them within
 * `ttlMs`. Product detail (stock) is never cached here.
 */
@Injectable()
export class CatalogCache extends ShortCache {}
