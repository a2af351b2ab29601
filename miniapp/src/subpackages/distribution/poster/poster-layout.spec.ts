import {
  coverCrop,
  paintPoster,
  posterSteps,
  POSTER_HEIGHT,
  POSTER_WIDTH,
  wrapText,
  type Context2D,
  type PosterStep,
} from './poster-layout';

type ImageStep = Extract<PosterStep, { kind: 'image' }>;

/** Every character is `size` wide: enough to test wrapping without a canvas. */
const fixed =
  (size = 10) =>
  (text: string) =>
    Array.from(text).length * size;

describe('wrapText', () => {
  it.each<[string, number, number, string[]]>([
    // text, max width (10 per character), max lines, lines
    ['短标题', 100, 2, ['短标题']],
    ['一二三四五六七八九十', 100, 2, ['一二三四五六七八九十']],
    ['一二三四五六七八九十甲', 100, 2, ['一二三四五六七八九十', '甲']],
    ['一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子', 100, 2, ['一二三四五六七八九十', '甲乙丙丁戊己庚辛壬…']],
    ['一二三四五', 30, 1, ['一二…']],
    ['  空格  ', 100, 2, ['空格']],
    ['', 100, 2, []],
  ])('%j in %i × %i lines', (text, width, lines, expected) => {
    const out = wrapText(text, width, lines, 'f', fixed());
    expect(out).toEqual(expected);
    for (const line of out) expect(fixed()(line)).toBeLessThanOrEqual(width);
  });
});

describe('posterSteps', () => {
  const content = { title: '纯棉短袖T恤 男女同款', price: '¥59.00', code: 'K7M3PQ', hasQr: true };

  it('draws the product, title, price, the code image and the referral code, inside the poster', () => {
    const steps = posterSteps(content, fixed(30));
    expect(steps.filter((s) => s.kind === 'image').map((s) => s.kind === 'image' && s.image)).toEqual([
      'product',
      'qr',
    ]);
    const texts = steps.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
    expect(texts).toContain('¥59.00');
    expect(texts).toContain('推荐码 K7M3PQ');
    expect(texts).toContain('长按识别小程序码');
    expect(texts.join('')).toContain('纯棉短袖T恤');
    for (const s of steps) {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.y).toBeGreaterThanOrEqual(0);
      if (s.kind !== 'text') {
        expect(s.x + s.w).toBeLessThanOrEqual(POSTER_WIDTH);
        expect(s.y + s.h).toBeLessThanOrEqual(POSTER_HEIGHT);
      } else {
        expect(s.y).toBeLessThan(POSTER_HEIGHT - 24);
      }
    }
  });

  it('a long title takes two lines and the price moves down below them', () => {
    const price = (title: string) => {
      const step = posterSteps({ ...content, title }, fixed(30)).find((s) => s.kind === 'text' && s.text === '¥59.00');
      return step?.y ?? -1;
    };
    expect(price('长'.repeat(40))).toBeGreaterThan(price('短'));
  });

  it('without a code there is neither the code image nor a referral code', () => {
    const steps = posterSteps({ ...content, code: null, hasQr: false }, fixed());
    expect(steps.some((s) => s.kind === 'image' && s.image === 'qr')).toBe(false);
    expect(steps.some((s) => s.kind === 'text' && s.text.startsWith('推荐码'))).toBe(false);
  });
});

describe('coverCrop', () => {
  it.each<[number, number, number, number, { sx: number; sy: number; sw: number; sh: number }]>([
    [800, 800, 600, 600, { sx: 0, sy: 0, sw: 800, sh: 800 }],
    [1200, 600, 600, 600, { sx: 300, sy: 0, sw: 600, sh: 600 }], // wide: crop the sides
    [600, 1200, 600, 600, { sx: 0, sy: 300, sw: 600, sh: 600 }], // tall: crop top and bottom
    [300, 150, 600, 600, { sx: 75, sy: 0, sw: 150, sh: 150 }],
  ])('%i×%i into %i×%i', (w, h, bw, bh, crop) => {
    expect(coverCrop(w, h, bw, bh)).toEqual(crop);
  });
});

describe('paintPoster', () => {
  function recorder() {
    const calls: string[] = [];
    const ctx: Context2D = {
      fillStyle: '',
      font: '',
      textAlign: '',
      textBaseline: '',
      fillRect: (x, y, w, h) => void calls.push(`rect ${x},${y},${w},${h}`),
      fillText: (text) => void calls.push(`text ${text}`),
      drawImage: (...args: number[]) => void calls.push(`image ${args.slice(1).join(',')}`),
    };
    return { ctx, calls };
  }

  it('draws a loaded image cropped into its box, and a grey block for one that did not load', () => {
    const steps = posterSteps({ title: 'T', price: '¥1.00', code: 'K7M3PQ', hasQr: true }, fixed());
    const { ctx, calls } = recorder();
    paintPoster(ctx, steps, { product: { width: 1200, height: 600 }, qr: null });
    expect(calls).toContain('image 300,0,600,600,0,0,600,600');
    expect(calls.filter((c) => c.startsWith('image'))).toHaveLength(1);
    // the missing code image is a grey block where it would be
    const qr = steps.find((s): s is ImageStep => s.kind === 'image' && s.image === 'qr');
    expect(qr).toBeDefined();
    expect(calls).toContain(`rect ${qr?.x},${qr?.y},${qr?.w},${qr?.h}`);
    expect(calls).toContain('text 推荐码 K7M3PQ');
  });
});
