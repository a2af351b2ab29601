import Taro from '@tarojs/taro';
import type { ShareView } from '@weshop/shared';
import { assetUrl } from '../../../config';
import {
  paintPoster,
  posterSteps,
  POSTER_HEIGHT,
  POSTER_WIDTH,
  type Context2D,
  type LoadedImage,
  type PosterContent,
} from './poster-layout';

/** Exported pixels per canvas unit. */
const SCALE = 2;

interface MeasuringContext extends Context2D {
  scale(x: number, y: number): void;
  measureText(text: string): { width: number };
}

function measureWith(ctx: MeasuringContext) {
  return (text: string, font: string) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

/** h5: draws on a detached `<canvas>` and returns a PNG data URL the page shows (long-press / download). */
export async function drawPosterH5(share: ShareView, content: PosterContent): Promise<string> {
  const load = (src: string) =>
    new Promise<HTMLImageElement | null>((resolve) => {
      const image = new window.Image();
      image.crossOrigin = 'anonymous';
      image.onload = () => resolve(image);
      image.onerror = () => resolve(null);
      image.src = src;
    });
  const [product, qr] = await Promise.all([
    load(assetUrl(share.product.image)),
    share.codeImage ? load(share.codeImage) : Promise.resolve(null),
  ]);
  const paint = (withProduct: boolean) => {
    const canvas = document.createElement('canvas');
    canvas.width = POSTER_WIDTH * SCALE;
    canvas.height = POSTER_HEIGHT * SCALE;
    const ctx = canvas.getContext('2d') as unknown as MeasuringContext | null;
    if (!ctx) throw new Error('no 2d canvas');
    ctx.scale(SCALE, SCALE);
    paintPoster(ctx, posterSteps(content, measureWith(ctx)), { product: withProduct ? product : null, qr });
    return canvas.toDataURL('image/png');
  };
  try {
    return paint(true);
  } catch {
    // An image from another origin without CORS taints the canvas: draw the poster without it.
    return paint(false);
  }
}

interface WeappCanvas {
  width: number;
  height: number;
  getContext(type: '2d'): MeasuringContext;
  createImage(): { width: number; height: number; src: string; onload: () => void; onerror: () => void };
}

function canvasNode(selector: string): Promise<WeappCanvas> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(selector)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: WeappCanvas } | null>) => {
        const node = res?.[0]?.node;
        if (node) resolve(node);
        else reject(new Error('poster canvas not found'));
      });
  });
}

/** The code image (a data URL) as a local file: the weapp canvas loads files and URLs, not data URLs everywhere. */
function codeImageFile(dataUrl: string): Promise<string | null> {
  const match = /^data:image\/\w+;base64,(.+)$/.exec(dataUrl);
  if (!match) return Promise.resolve(null);
  const filePath = `${Taro.env.USER_DATA_PATH}/poster-code.png`;
  return new Promise((resolve) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: match[1],
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: () => resolve(null),
    });
  });
}

/** weapp: draws on the page's `<Canvas type="2d">` and returns a temp file path (for the preview and the album). */
export async function drawPosterWeapp(selector: string, share: ShareView, content: PosterContent): Promise<string> {
  const canvas = await canvasNode(selector);
  canvas.width = POSTER_WIDTH * SCALE;
  canvas.height = POSTER_HEIGHT * SCALE;
  const ctx = canvas.getContext('2d');
  ctx.scale(SCALE, SCALE);
  const load = (src: string | null) =>
    new Promise<LoadedImage | null>((resolve) => {
      if (!src) return resolve(null);
      const image = canvas.createImage();
      image.onload = () => resolve(image);
      image.onerror = () => resolve(null);
      image.src = src;
    });
  const [productPath, codePath] = await Promise.all([
    Taro.getImageInfo({ src: assetUrl(share.product.image) })
      .then((info) => info.path)
      .catch(() => null),
    share.codeImage ? codeImageFile(share.codeImage) : Promise.resolve(null),
  ]);
  const [product, qr] = await Promise.all([load(productPath), load(codePath)]);
  paintPoster(ctx, posterSteps(content, measureWith(ctx)), { product, qr });
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: canvas as never,
    x: 0,
    y: 0,
    width: POSTER_WIDTH,
    height: POSTER_HEIGHT,
    destWidth: POSTER_WIDTH * SCALE,
    destHeight: POSTER_HEIGHT * SCALE,
    fileType: 'png',
  });
  return tempFilePath;
}
