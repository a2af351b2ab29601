import {
  POST_LIMITS,
  PostCreateRequest,
  PostUpdateRequest,
  type Fen,
  type PostType,
  type PostView,
} from '@weshop/shared';

/**
 * 发帖 / 编辑帖子: the editor's form, checked in the page with the limits the server enforces
 * (POST_LIMITS) and turned into the contract's request bodies. The server checks again and has the
 * last word (content security, the author's rights). Pure: the page passes `now`.
 */

/** A product tagged on the post, as the editor shows it. */
export interface TaggedProduct {
  id: string;
  title: string;
  image: string;
  price: Fen;
}

/** 定时发布: a local date `YYYY-MM-DD` and time `HH:mm` (the pickers' values). */
export interface Schedule {
  on: boolean;
  date: string;
  time: string;
}

export interface PostDraft {
  type: PostType;
  title: string;
  text: string;
  images: string[];
  videoUrl: string | null;
  products: TaggedProduct[];
  schedule: Schedule;
}

export type DraftField = 'title' | 'text' | 'images' | 'videoUrl' | 'products' | 'publishAt';
export type DraftErrors = Partial<Record<DraftField, string>>;

export type Checked<B> = { ok: true; body: B } | { ok: false; errors: DraftErrors };

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the pickers' local `{ date, time }`. */
export function pickerValues(at: Date): { date: string; time: string } {
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/** The moment the pickers name (device-local time), or null when they name none. */
export function scheduledAt(schedule: Pick<Schedule, 'date' | 'time'>): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(schedule.date);
  const t = /^(\d{2}):(\d{2})$/.exec(schedule.time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  const at = new Date(year, month - 1, day, hour, minute, 0, 0);
  // Reject roll-overs such as 02-30 or 24:00.
  if (at.getMonth() !== month - 1 || at.getDate() !== day || at.getHours() !== hour || at.getMinutes() !== minute)
    return null;
  return at;
}

/** A blank note; the schedule pickers start tomorrow at 20:00. */
export function emptyDraft(now: Date): PostDraft {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 20, 0);
  return {
    type: 'NOTE',
    title: '',
    text: '',
    images: [],
    videoUrl: null,
    products: [],
    schedule: { on: false, ...pickerValues(tomorrow) },
  };
}

/** An existing post in the editor; a future `publishAt` turns 定时发布 on. */
export function draftFromPost(post: PostView, now: Date): PostDraft {
  const publishAt = post.publishAt ? new Date(post.publishAt) : null;
  const future = publishAt !== null && publishAt.getTime() > now.getTime();
  const blank = emptyDraft(now);
  return {
    type: post.type,
    title: post.title,
    text: post.text,
    images: [...post.images],
    videoUrl: post.videoUrl,
    products: post.products.map((p) => ({ id: p.id, title: p.title, image: p.image, price: p.price })),
    schedule: future && publishAt ? { on: true, ...pickerValues(publishAt) } : blank.schedule,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What is wrong with the form, field by field (empty: nothing). The text is required (1 to
 * textMax characters after trimming); an ARTICLE needs a title; a VIDEO needs its video; at most
 * imagesMax images and productsMax distinct products; a schedule lies in the future and at most
 * scheduleMaxDays ahead.
 */
export function checkDraft(draft: PostDraft, now: Date): DraftErrors {
  const errors: DraftErrors = {};
  const title = draft.title.trim();
  const text = draft.text.trim();
  if (title.length > POST_LIMITS.titleMax) errors.title = `标题最多 ${POST_LIMITS.titleMax} 字`;
  else if (draft.type === 'ARTICLE' && !title) errors.title = '长文需要一个标题';
  if (!text) errors.text = '请写点内容';
  else if (text.length > POST_LIMITS.textMax) errors.text = `正文最多 ${POST_LIMITS.textMax} 字`;
  if (draft.images.length > POST_LIMITS.imagesMax) errors.images = `最多 ${POST_LIMITS.imagesMax} 张图片`;
  if (draft.type === 'VIDEO' && !draft.videoUrl) errors.videoUrl = '请上传视频';
  const ids = draft.products.map((p) => p.id);
  if (ids.length > POST_LIMITS.productsMax) errors.products = `最多关联 ${POST_LIMITS.productsMax} 件商品`;
  else if (new Set(ids).size !== ids.length) errors.products = '同一件商品只能关联一次';
  if (draft.schedule.on) {
    const at = scheduledAt(draft.schedule);
    if (!at) errors.publishAt = '请选择发布时间';
    else if (at.getTime() <= now.getTime()) errors.publishAt = '定时发布的时间需晚于现在';
    else if (at.getTime() > now.getTime() + POST_LIMITS.scheduleMaxDays * DAY_MS)
      errors.publishAt = `最多提前 ${POST_LIMITS.scheduleMaxDays} 天定时发布`;
  }
  return errors;
}

/** The contract's field names back to the form's. */
function errorsFromIssues(issues: ReadonlyArray<{ path: PropertyKey[] }>): DraftErrors {
  const errors: DraftErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    const field: DraftField = key === 'productIds' ? 'products' : (key as DraftField);
    if (['title', 'text', 'images', 'videoUrl', 'products', 'publishAt'].includes(field)) errors[field] ??= '内容有误';
    else errors.text ??= '内容有误';
  }
  return errors;
}

function publishAtOf(draft: PostDraft): string | undefined {
  const at = draft.schedule.on ? scheduledAt(draft.schedule) : null;
  return at ? at.toISOString() : undefined;
}

/**
 * `POST /posts` for the form: `asDraft` keeps it a DRAFT; otherwise it is published now or, with
 * 定时发布, SCHEDULED. A NOTE or an ARTICLE sends no video.
 */
export function createRequest(
  communityId: string,
  draft: PostDraft,
  options: { now: Date; asDraft: boolean },
): Checked<PostCreateRequest> {
  const errors = checkDraft(draft, options.now);
  if (Object.keys(errors).length) return { ok: false, errors };
  const title = draft.title.trim();
  const parsed = PostCreateRequest.safeParse({
    communityId,
    type: draft.type,
    ...(title ? { title } : {}),
    text: draft.text.trim(),
    images: draft.images,
    ...(draft.type === 'VIDEO' && draft.videoUrl ? { videoUrl: draft.videoUrl } : {}),
    productIds: draft.products.map((p) => p.id),
    ...(publishAtOf(draft) ? { publishAt: publishAtOf(draft) } : {}),
    ...(options.asDraft ? { draft: true } : {}),
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: errorsFromIssues(parsed.error.issues) };
}

/**
 * `PATCH /posts/:id` for the form: every field is sent (what the author sees is what is saved). A
 * type other than VIDEO clears the video; turning 定时发布 off clears `publishAt` of a post not
 * published yet. `draft` is sent only for a post that was never published (the server refuses to
 * turn a published post back into one).
 */
export function updateRequest(
  draft: PostDraft,
  options: { now: Date; asDraft: boolean; everPublished: boolean },
): Checked<PostUpdateRequest> {
  const errors = checkDraft(draft, options.now);
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = PostUpdateRequest.safeParse({
    type: draft.type,
    title: draft.title.trim(),
    text: draft.text.trim(),
    images: draft.images,
    videoUrl: draft.type === 'VIDEO' ? draft.videoUrl : null,
    productIds: draft.products.map((p) => p.id),
    // A published post keeps its times; an unpublished one loses a schedule turned off.
    ...(publishAtOf(draft) ? { publishAt: publishAtOf(draft) } : options.everPublished ? {} : { publishAt: null }),
    ...(options.everPublished ? {} : { draft: options.asDraft }),
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: errorsFromIssues(parsed.error.issues) };
}

/** How many more images the form takes (what chooseImage may ask for). */
export function imagesLeft(draft: Pick<PostDraft, 'images'>): number {
  return Math.max(0, POST_LIMITS.imagesMax - draft.images.length);
}

/** The form with a product tagged (once; never past productsMax). */
export function tagProduct(draft: PostDraft, product: TaggedProduct): PostDraft {
  if (draft.products.some((p) => p.id === product.id) || draft.products.length >= POST_LIMITS.productsMax) return draft;
  return { ...draft, products: [...draft.products, product] };
}
