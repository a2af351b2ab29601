import { z } from 'zod';

/** Query parameters of a paged list. Strings from the URL are coerced; anything else is a 400. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `{ items, total, page, pageSize }` around an item schema. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    page: z.number().int().positive(),
    pageSize: z.number().int().positive(),
  });
}
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
