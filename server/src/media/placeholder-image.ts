import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * Demo product pictures drawn by the server itself, so the demo shop needs no outside URL:
 * a soft two-colour gradient with a centred rounded "package" shape, the colours derived from
 * the image name. Returns PNG bytes.
 */
export function placeholderPng(name: string, size = 480): Buffer {
  const hash = createHash('sha256').update(name).digest();
  const hue = (hash[0] * 360) / 256;
  const top = hslToRgb(hue, 0.55, 0.86);
  const bottom = hslToRgb((hue + 40) % 360, 0.6, 0.72);
  const shape = hslToRgb(hue, 0.5, 0.45);
  const accent = hslToRgb((hue + 180) % 360, 0.55, 0.6);
  const rows: Buffer[] = [];
  const box = { x0: size * 0.28, x1: size * 0.72, y0: size * 0.3, y1: size * 0.74, r: size * 0.06 };
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3);
    const t = y / (size - 1);
    for (let x = 0; x < size; x += 1) {
      let rgb = mix(top, bottom, t);
      if (insideRoundedBox(x, y, box)) rgb = y < box.y0 + size * 0.09 ? accent : shape;
      row[1 + x * 3] = rgb[0];
      row[2 + x * 3] = rgb[1];
      row[3 + x * 3] = rgb[2];
    }
    rows.push(row);
  }
  return encodePng(size, size, Buffer.concat(rows));
}

function insideRoundedBox(x: number, y: number, b: { x0: number; x1: number; y0: number; y1: number; r: number }) {
  if (x < b.x0 || x > b.x1 || y < b.y0 || y > b.y1) return false;
  const cx = Math.min(Math.max(x, b.x0 + b.r), b.x1 - b.r);
  const cy = Math.min(Math.max(y, b.y0 + b.r), b.y1 - b.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= b.r ** 2;
}

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;

function hslToRgb(h: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    h < 60
      ? [c, x, 0]
      : h < 120
        ? [x, c, 0]
        : h < 180
          ? [0, c, x]
          : h < 240
            ? [0, x, c]
            : h < 300
              ? [x, 0, c]
              : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Minimal PNG encoder: 8-bit RGB, filter 0 rows already prefixed with their filter byte. */
function encodePng(width: number, height: number, rawRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rawRows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
