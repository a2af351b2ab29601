// Draws the tab bar icons (81×81 PNG, as WeChat recommends) without any image dependency:
// node miniapp/scripts/make-tab-icons.mjs  →  miniapp/src/assets/tab/{home,category,cart,me}{,-active}.png
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SS = 4; // supersampling per axis, for smooth edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(coverage, [r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x++) row.set([r, g, b, Math.round(coverage[y * SIZE + x] * 255)], 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function render(inside) {
  const coverage = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (inside(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++;
      coverage[y * SIZE + x] = hits / (SS * SS);
    }
  return coverage;
}
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// 首页: a house (roof, walls, door).
const home = (x, y) => {
  const roof = y >= 10 && y <= 40 && Math.abs(x - 40.5) <= ((y - 10) / 30) * 34;
  const walls = roundedRect(18, 36, 63, 71, 4)(x, y);
  const door = x >= 34 && x <= 47 && y >= 50;
  return (roof || walls) && !door;
};
// 分类: four tiles.
const category = (x, y) =>
  [
    [11, 11],
    [44, 11],
    [11, 44],
    [44, 44],
  ].some(([x0, y0]) => roundedRect(x0, y0, x0 + 26, y0 + 26, 6)(x, y));

// 购物车: a basket (handle arc, body, two wheels).
const cart = (x, y) => {
  const handle = Math.hypot(x - 40.5, y - 30) <= 18 && Math.hypot(x - 40.5, y - 30) >= 12 && y <= 30;
  const body = y >= 30 && y <= 58 && Math.abs(x - 40.5) <= 30 - ((y - 30) / 28) * 8;
  const wheels = Math.hypot(x - 28, y - 67) <= 5 || Math.hypot(x - 53, y - 67) <= 5;
  return handle || body || wheels;
};
// 我的: a person (head and shoulders).
const me = (x, y) => {
  const head = Math.hypot(x - 40.5, y - 26) <= 15;
  const shoulders = y >= 46 && y <= 72 && Math.hypot((x - 40.5) / 28, (y - 72) / 26) <= 1;
  return head || shoulders;
};

const out = new URL('../src/assets/tab/', import.meta.url);
for (const [name, shape] of Object.entries({ home, category, cart, me })) {
  const coverage = render(shape);
  writeFileSync(new URL(`${name}.png`, out), png(coverage, [0x99, 0x99, 0x99]));
  writeFileSync(new URL(`${name}-active.png`, out), png(coverage, [0xe9, 0x3b, 0x3d]));
}
