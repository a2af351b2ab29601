/**
 * 推广海报: where everything goes on the poster, as a list of drawing steps (pure, so it is tested
 * without a canvas), and the painter that replays them on any Canvas 2D context (the browser's in
 * h5, WeChat's `type="2d"` canvas in weapp: the same API).
 */

/** Poster size in canvas units (exported at 2x). */
export const POSTER_WIDTH = 600;
export const POSTER_HEIGHT = 960;

const PAD = 32;
const IMAGE_SIZE = POSTER_WIDTH;
const QR_SIZE = 168;
const TITLE_FONT = 'bold 30px sans-serif';
const TITLE_LINE = 42;

export type PosterImage = 'product' | 'qr';

export type PosterStep =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { kind: 'image'; image: PosterImage; x: number; y: number; w: number; h: number }
  | {
      kind: 'text';
      text: string;
      x: number;
      y: number;
      font: string;
      color: string;
      align: 'left' | 'right' | 'center';
    };

export interface PosterContent {
  title: string;
  /** Already formatted by `formatFen` (the poster never computes money). */
  price: string;
  /** The distributor's referral code, or null for a poster without one. */
  code: string | null;
  /** Whether a mini-program code image is drawn. */
  hasQr: boolean;
}

/** Measures text in the font last set, as CanvasRenderingContext2D.measureText(...).width does. */
export type Measure = (text: string, font: string) => number;

/**
 * Breaks `text` into at most `maxLines` lines of `maxWidth`, character by character (Chinese has no
 * spaces), ending the last one with … when some is left over.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, font: string, measure: Measure): string[] {
  const chars = Array.from(text.trim());
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < chars.length && lines.length < maxLines) {
    const next = line + chars[i];
    if (measure(next, font) <= maxWidth || line === '') {
      line = next;
      i += 1;
    } else {
      lines.push(line);
      line = '';
    }
  }
  if (line && lines.length < maxLines) lines.push(line);
  if (i < chars.length && lines.length > 0) {
    let last = lines[lines.length - 1];
    while (last && measure(`${last}…`, font) > maxWidth) last = Array.from(last).slice(0, -1).join('');
    lines[lines.length - 1] = `${last}…`;
  }
  return lines;
}

/** The drawing steps, top to bottom: background, product image, title, price, code and its caption. */
export function posterSteps(content: PosterContent, measure: Measure): PosterStep[] {
  const steps: PosterStep[] = [
    { kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: POSTER_HEIGHT, color: '#ffffff' },
    { kind: 'image', image: 'product', x: 0, y: 0, w: IMAGE_SIZE, h: IMAGE_SIZE },
  ];
  const titleLines = wrapText(content.title, POSTER_WIDTH - PAD * 2, 2, TITLE_FONT, measure);
  let y = IMAGE_SIZE + 28;
  for (const text of titleLines) {
    steps.push({ kind: 'text', text, x: PAD, y, font: TITLE_FONT, color: '#222222', align: 'left' });
    y += TITLE_LINE;
  }
  steps.push({
    kind: 'text',
    text: content.price,
    x: PAD,
    y: y + 8,
    font: 'bold 40px sans-serif',
    color: '#e93b3d',
    align: 'left',
  });

  const footTop = POSTER_HEIGHT - QR_SIZE - PAD * 2;
  steps.push({ kind: 'rect', x: PAD, y: footTop, w: POSTER_WIDTH - PAD * 2, h: 2, color: '#f0f0f0' });
  const qrX = POSTER_WIDTH - PAD - QR_SIZE;
  const qrY = POSTER_HEIGHT - PAD - QR_SIZE;
  if (content.hasQr) steps.push({ kind: 'image', image: 'qr', x: qrX, y: qrY, w: QR_SIZE, h: QR_SIZE });
  const caption = content.hasQr ? '长按识别小程序码' : '微信搜索小程序';
  steps.push({
    kind: 'text',
    text: caption,
    x: PAD,
    y: qrY + 36,
    font: '26px sans-serif',
    color: '#666666',
    align: 'left',
  });
  steps.push({
    kind: 'text',
    text: '查看商品详情',
    x: PAD,
    y: qrY + 76,
    font: '24px sans-serif',
    color: '#999999',
    align: 'left',
  });
  if (content.code) {
    steps.push({
      kind: 'text',
      text: `推荐码 ${content.code}`,
      x: PAD,
      y: qrY + 124,
      font: 'bold 26px sans-serif',
      color: '#e93b3d',
      align: 'left',
    });
  }
  return steps;
}

/** The source rectangle that fills a `boxW`×`boxH` box from an image without distortion (object-fit: cover). */
export function coverCrop(
  imageW: number,
  imageH: number,
  boxW: number,
  boxH: number,
): { sx: number; sy: number; sw: number; sh: number } {
  if (imageW <= 0 || imageH <= 0) return { sx: 0, sy: 0, sw: imageW, sh: imageH };
  const scale = Math.max(boxW / imageW, boxH / imageH);
  const sw = boxW / scale;
  const sh = boxH / scale;
  return { sx: (imageW - sw) / 2, sy: (imageH - sh) / 2, sw, sh };
}

/** What the painter needs of a 2D context (both the browser's and WeChat's canvas have it). */
export interface Context2D {
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(
    image: never,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void;
}

export interface LoadedImage {
  width: number;
  height: number;
}

/** Replays the steps; a missing image becomes a grey block. */
export function paintPoster(
  ctx: Context2D,
  steps: PosterStep[],
  images: Partial<Record<PosterImage, LoadedImage | null>>,
): void {
  ctx.textBaseline = 'top';
  for (const step of steps) {
    if (step.kind === 'rect') {
      ctx.fillStyle = step.color;
      ctx.fillRect(step.x, step.y, step.w, step.h);
    } else if (step.kind === 'text') {
      ctx.fillStyle = step.color;
      ctx.font = step.font;
      ctx.textAlign = step.align;
      ctx.fillText(step.text, step.x, step.y);
    } else {
      const image = images[step.image];
      if (!image) {
        ctx.fillStyle = '#eeeeee';
        ctx.fillRect(step.x, step.y, step.w, step.h);
        continue;
      }
      const crop = coverCrop(image.width, image.height, step.w, step.h);
      ctx.drawImage(image as never, crop.sx, crop.sy, crop.sw, crop.sh, step.x, step.y, step.w, step.h);
    }
  }
}
