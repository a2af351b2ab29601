import {
  chunkForCheck,
  keywordReason,
  labelName,
  mediaOutcome,
  mediaResultOf,
  screeningOutcome,
  worstVerdict,
  type MediaResult,
  type Screening,
  type TextVerdict,
} from './content-security.policy';

const pass: TextVerdict = { suggest: 'pass', label: 100 };
const review: TextVerdict = { suggest: 'review', label: 20001 };
const risky: TextVerdict = { suggest: 'risky', label: 20002 };
const down: TextVerdict = { unavailable: true, errcode: -1 };

describe('screening outcome', () => {
  const base: Screening = { keyword: null, text: pass, hasVideo: false, imagesPending: 0, imagesUnsubmitted: 0 };
  it.each<[string, Partial<Screening>, string, string | null, string | null]>([
    ['clean text, no images', {}, 'PUBLISHED', null, null],
    ['a keyword', { keyword: '代开发票', text: undefined }, 'REJECTED', '包含违禁词「代开发票」', null],
    [
      'a keyword wins over everything',
      { keyword: 'x', text: review, imagesPending: 2 },
      'REJECTED',
      '包含违禁词「x」',
      null,
    ],
    ['risky text', { text: risky }, 'REJECTED', '内容安全检测未通过（色情）', null],
    ['risky text with images', { text: risky, imagesPending: 3 }, 'REJECTED', '内容安全检测未通过（色情）', null],
    ['text to review', { text: review }, 'IN_REVIEW', null, '文本需人工审核（时政）'],
    ['check unavailable', { text: down }, 'IN_REVIEW', null, '文本检测暂不可用'],
    ['no verdict at all', { text: undefined }, 'IN_REVIEW', null, '文本检测暂不可用'],
    ['images pending', { imagesPending: 2 }, 'IN_REVIEW', null, null],
    ['an image not submitted', { imagesPending: 1, imagesUnsubmitted: 1 }, 'IN_REVIEW', null, '图片检测暂不可用'],
    ['a video', { hasVideo: true }, 'IN_REVIEW', null, '视频需人工审核'],
    ['review and video', { text: review, hasVideo: true }, 'IN_REVIEW', null, '文本需人工审核（时政）；视频需人工审核'],
  ])('%s', (_name, overrides, status, rejectReason, reviewReason) => {
    expect(screeningOutcome({ ...base, ...overrides })).toEqual({ status, rejectReason, reviewReason });
  });
});

describe('image results', () => {
  const results = (entries: Array<[string, MediaResult]>) => new Map(entries);
  const urls = ['a', 'b'];
  it.each<[string, 'IN_REVIEW' | 'PUBLISHED', string | null, Array<[string, MediaResult]>, unknown]>([
    ['one still missing', 'IN_REVIEW', null, [['a', 'PASS']], null],
    [
      'one pending',
      'IN_REVIEW',
      null,
      [
        ['a', 'PASS'],
        ['b', 'PENDING'],
      ],
      null,
    ],
    [
      'all pass',
      'IN_REVIEW',
      null,
      [
        ['a', 'PASS'],
        ['b', 'PASS'],
      ],
      { status: 'PUBLISHED', rejectReason: null, reviewReason: null },
    ],
    [
      'all pass but text needs review',
      'IN_REVIEW',
      '文本需人工审核（时政）',
      [
        ['a', 'PASS'],
        ['b', 'PASS'],
      ],
      null,
    ],
    [
      'a risky image, the other pending',
      'IN_REVIEW',
      null,
      [['a', 'RISKY']],
      { status: 'REJECTED', rejectReason: '图片未通过内容安全检测', reviewReason: null },
    ],
    [
      'a risky image after approval',
      'PUBLISHED',
      null,
      [
        ['a', 'PASS'],
        ['b', 'RISKY'],
      ],
      { status: 'REJECTED', rejectReason: '图片未通过内容安全检测', reviewReason: null },
    ],
    [
      'a passing image after approval',
      'PUBLISHED',
      null,
      [
        ['a', 'PASS'],
        ['b', 'PASS'],
      ],
      null,
    ],
    [
      'an image to review',
      'IN_REVIEW',
      null,
      [
        ['a', 'PASS'],
        ['b', 'REVIEW'],
      ],
      { status: 'IN_REVIEW', rejectReason: null, reviewReason: '图片需人工审核' },
    ],
    [
      'an image to review, already noted',
      'IN_REVIEW',
      '图片需人工审核',
      [
        ['a', 'REVIEW'],
        ['b', 'REVIEW'],
      ],
      null,
    ],
    [
      'an image to review and text to review',
      'IN_REVIEW',
      '文本检测暂不可用',
      [
        ['a', 'PASS'],
        ['b', 'REVIEW'],
      ],
      { status: 'IN_REVIEW', rejectReason: null, reviewReason: '文本检测暂不可用；图片需人工审核' },
    ],
  ])('%s', (_name, current, reason, entries, expected) => {
    expect(mediaOutcome(current, reason, urls, results(entries))).toEqual(expected);
  });

  it('counts a repeated URL once', () => {
    expect(mediaOutcome('IN_REVIEW', null, ['a', 'a'], results([['a', 'PASS']]))?.status).toBe('PUBLISHED');
  });

  it.each([
    ['pass', 'PASS'],
    ['review', 'REVIEW'],
    ['risky', 'RISKY'],
    ['other', null],
    [undefined, null],
  ])('suggest %s → %s', (suggest, expected) => {
    expect(mediaResultOf(suggest)).toBe(expected);
  });
});

describe('text verdicts', () => {
  it.each<[string, TextVerdict[], TextVerdict]>([
    ['none', [], pass],
    ['all pass', [pass, pass], pass],
    ['one review', [pass, review], review],
    ['risky beats review', [review, risky, pass], risky],
    ['risky beats unavailable', [down, risky], risky],
    ['unavailable beats review', [review, down], down],
  ])('%s', (_name, verdicts, expected) => {
    expect(worstVerdict(verdicts)).toEqual(expected);
  });

  it('splits long text into ≤2500-character pieces on code points', () => {
    expect(chunkForCheck('')).toEqual([]);
    expect(chunkForCheck('abc', 2)).toEqual(['ab', 'c']);
    const emoji = '😀'.repeat(5);
    expect(chunkForCheck(emoji, 2)).toEqual(['😀😀', '😀😀', '😀']);
    const long = '好'.repeat(6000);
    expect(chunkForCheck(long).map((c) => c.length)).toEqual([2500, 2500, 1000]);
  });

  it('keeps a long listed word short in the reason', () => {
    expect(keywordReason('违'.repeat(40))).toBe(`包含违禁词「${'违'.repeat(32)}…」`);
    expect(keywordReason('短词')).toBe('包含违禁词「短词」');
  });

  it('names labels', () => {
    expect(labelName(20006)).toBe('违法犯罪');
    expect(labelName(99999)).toBe('其他');
  });
});
