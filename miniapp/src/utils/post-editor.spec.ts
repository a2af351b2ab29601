import { POST_LIMITS, PostCreateRequest, PostUpdateRequest, type PostView } from '@weshop/shared';
import {
  checkDraft,
  createRequest,
  draftFromPost,
  emptyDraft,
  imagesLeft,
  scheduledAt,
  tagProduct,
  updateRequest,
  type PostDraft,
  type TaggedProduct,
} from './post-editor';

const NOW = new Date(2026, 10, 24, 10, 0);
const IMG = 'http://127.0.0.1:3000/media/uploads/202611/0123456789abcdef01234567.png';
const VIDEO = 'http://127.0.0.1:3000/media/uploads/202611/0123456789abcdef01234567.mp4';
const product = (id: string): TaggedProduct => ({ id, title: `商品${id}`, image: '/p.jpg', price: 1_990 });

function draft(fields: Partial<PostDraft> = {}): PostDraft {
  return { ...emptyDraft(NOW), text: '今天入手的好物', ...fields };
}
const schedule = (date: string, time: string) => ({ on: true, date, time });

describe('checkDraft (the limits the server enforces: POST_LIMITS)', () => {
  it.each<[string, Partial<PostDraft>, Record<string, string>]>([
    ['a plain note', {}, {}],
    ['no text', { text: '   ' }, { text: '请写点内容' }],
    ['text at the limit', { text: 'a'.repeat(POST_LIMITS.textMax) }, {}],
    ['text past the limit', { text: 'a'.repeat(POST_LIMITS.textMax + 1) }, { text: '正文最多 10000 字' }],
    ['text past the limit only with its spaces trimmed away', { text: ` ${'a'.repeat(POST_LIMITS.textMax)} ` }, {}],
    ['title at the limit', { title: 't'.repeat(POST_LIMITS.titleMax) }, {}],
    ['title past the limit', { title: 't'.repeat(POST_LIMITS.titleMax + 1) }, { title: '标题最多 64 字' }],
    ['an article without a title', { type: 'ARTICLE' }, { title: '长文需要一个标题' }],
    ['an article with a title', { type: 'ARTICLE', title: '选购指南' }, {}],
    ['a video without its video', { type: 'VIDEO' }, { videoUrl: '请上传视频' }],
    ['a video with its video', { type: 'VIDEO', videoUrl: VIDEO }, {}],
    ['nine images', { images: Array.from({ length: 9 }, (_, i) => `${IMG}?${i}`) }, {}],
    ['ten images', { images: Array.from({ length: 10 }, (_, i) => `${IMG}?${i}`) }, { images: '最多 9 张图片' }],
    ['nine products', { products: Array.from({ length: 9 }, (_, i) => product(String(i + 1))) }, {}],
    [
      'ten products',
      { products: Array.from({ length: 10 }, (_, i) => product(String(i + 1))) },
      { products: '最多关联 9 件商品' },
    ],
    ['a product twice', { products: [product('1'), product('1')] }, { products: '同一件商品只能关联一次' }],
    ['scheduled a minute ahead', { schedule: schedule('2026-11-24', '10:01') }, {}],
    ['scheduled now', { schedule: schedule('2026-11-24', '10:00') }, { publishAt: '定时发布的时间需晚于现在' }],
    ['scheduled in the past', { schedule: schedule('2026-11-23', '23:00') }, { publishAt: '定时发布的时间需晚于现在' }],
    ['scheduled 90 days ahead', { schedule: schedule('2027-02-22', '10:00') }, {}],
    ['scheduled past 90 days', { schedule: schedule('2027-02-22', '10:01') }, { publishAt: '最多提前 90 天定时发布' }],
    ['scheduled on no day', { schedule: schedule('2026-02-30', '10:00') }, { publishAt: '请选择发布时间' }],
    ['a schedule turned off is not checked', { schedule: { on: false, date: '2020-01-01', time: '00:00' } }, {}],
  ])('%s', (_case, fields, expected) => {
    expect(checkDraft(draft(fields), NOW)).toEqual(expected);
  });
});

describe('createRequest', () => {
  it('a note: trimmed text, images, products; no title, video or time', () => {
    const result = createRequest('12', draft({ text: '  好物  ', images: [IMG], products: [product('3')] }), {
      now: NOW,
      asDraft: false,
    });
    expect(result).toEqual({
      ok: true,
      body: { communityId: '12', type: 'NOTE', text: '好物', images: [IMG], productIds: ['3'] },
    });
    if (result.ok) expect(PostCreateRequest.safeParse(result.body).success).toBe(true);
  });

  it('a scheduled video: the video and publishAt (the pickers read as local time)', () => {
    const result = createRequest(
      '12',
      draft({ type: 'VIDEO', title: ' 开箱 ', videoUrl: VIDEO, schedule: schedule('2026-11-25', '20:30') }),
      { now: NOW, asDraft: false },
    );
    expect(result).toEqual({
      ok: true,
      body: {
        communityId: '12',
        type: 'VIDEO',
        title: '开箱',
        text: '今天入手的好物',
        images: [],
        videoUrl: VIDEO,
        productIds: [],
        publishAt: new Date(2026, 10, 25, 20, 30).toISOString(),
      },
    });
  });

  it('a note leaves out a video chosen while it was a VIDEO; 存草稿 says draft', () => {
    const result = createRequest('12', draft({ videoUrl: VIDEO }), { now: NOW, asDraft: true });
    expect(result.ok && result.body).toEqual({
      communityId: '12',
      type: 'NOTE',
      text: '今天入手的好物',
      images: [],
      productIds: [],
      draft: true,
    });
  });

  it('refuses what the server would refuse, field by field, before sending', () => {
    expect(createRequest('12', draft({ type: 'ARTICLE', text: '' }), { now: NOW, asDraft: false })).toEqual({
      ok: false,
      errors: { title: '长文需要一个标题', text: '请写点内容' },
    });
    // An image that is not an http(s) URL (a temp path never uploaded) is caught by the contract.
    expect(createRequest('12', draft({ images: ['wxfile://tmp_1.jpg'] }), { now: NOW, asDraft: false })).toEqual({
      ok: false,
      errors: { images: '内容有误' },
    });
  });
});

describe('updateRequest', () => {
  it('sends every field; a type other than VIDEO clears the video, an unpublished post loses a schedule', () => {
    const result = updateRequest(draft({ title: '', videoUrl: VIDEO }), {
      now: NOW,
      asDraft: false,
      everPublished: false,
    });
    expect(result.ok && result.body).toEqual({
      type: 'NOTE',
      title: '',
      text: '今天入手的好物',
      images: [],
      videoUrl: null,
      productIds: [],
      publishAt: null,
      draft: false,
    });
    if (result.ok) expect(PostUpdateRequest.safeParse(result.body).success).toBe(true);
  });

  it('a post published once: no draft flag, its times kept unless rescheduled', () => {
    const result = updateRequest(draft(), { now: NOW, asDraft: false, everPublished: true });
    expect(result.ok && 'draft' in result.body).toBe(false);
    expect(result.ok && 'publishAt' in result.body).toBe(false);
    const later = updateRequest(draft({ schedule: schedule('2026-11-30', '08:00') }), {
      now: NOW,
      asDraft: false,
      everPublished: true,
    });
    expect(later.ok && later.body.publishAt).toBe(new Date(2026, 10, 30, 8, 0).toISOString());
  });

  it('is refused like a new post', () => {
    expect(updateRequest(draft({ text: '' }), { now: NOW, asDraft: true, everPublished: false }).ok).toBe(false);
  });
});

describe('draftFromPost', () => {
  const post = {
    type: 'ARTICLE',
    title: '选购指南',
    text: '正文',
    images: [IMG],
    videoUrl: null,
    products: [{ id: '3', title: '商品3', image: '/p.jpg', price: 1_990, path: '/pages/product/index?id=3' }],
    publishAt: null,
  } as unknown as PostView;

  it('fills the form; a future publishAt turns 定时发布 on at that time', () => {
    expect(draftFromPost(post, NOW)).toMatchObject({
      type: 'ARTICLE',
      title: '选购指南',
      images: [IMG],
      products: [{ id: '3', title: '商品3', image: '/p.jpg', price: 1_990 }],
      schedule: { on: false },
    });
    const at = new Date(2026, 11, 1, 9, 5);
    expect(draftFromPost({ ...post, publishAt: at.toISOString() }, NOW).schedule).toEqual({
      on: true,
      date: '2026-12-01',
      time: '09:05',
    });
    // A past publishAt (already out) leaves the schedule off.
    expect(draftFromPost({ ...post, publishAt: new Date(2026, 10, 1).toISOString() }, NOW).schedule.on).toBe(false);
  });

  it('round-trips into an update the contract accepts', () => {
    const result = updateRequest(draftFromPost(post, NOW), { now: NOW, asDraft: false, everPublished: true });
    expect(result.ok).toBe(true);
    if (result.ok) expect(PostUpdateRequest.safeParse(result.body).success).toBe(true);
  });
});

describe('scheduledAt / emptyDraft / tagProduct / imagesLeft', () => {
  it.each<[string, string, Date | null]>([
    ['2026-11-25', '20:30', new Date(2026, 10, 25, 20, 30)],
    ['2026-02-29', '10:00', null],
    ['2026-11-25', '24:00', null],
    ['', '10:00', null],
    ['2026-11-25', '9:00', null],
  ])('%s %s', (date, time, expected) => {
    expect(scheduledAt({ date, time })).toEqual(expected);
  });

  it('a blank form is a note whose pickers start tomorrow at 20:00', () => {
    expect(emptyDraft(NOW)).toEqual({
      type: 'NOTE',
      title: '',
      text: '',
      images: [],
      videoUrl: null,
      products: [],
      schedule: { on: false, date: '2026-11-25', time: '20:00' },
    });
  });

  it('tags a product once and never past the limit', () => {
    const once = tagProduct(draft(), product('1'));
    expect(tagProduct(once, product('1')).products).toHaveLength(1);
    const full = draft({ products: Array.from({ length: POST_LIMITS.productsMax }, (_, i) => product(String(i + 1))) });
    expect(tagProduct(full, product('99'))).toBe(full);
    expect(imagesLeft({ images: [] })).toBe(POST_LIMITS.imagesMax);
    expect(imagesLeft({ images: [IMG, IMG] })).toBe(POST_LIMITS.imagesMax - 2);
  });
});
