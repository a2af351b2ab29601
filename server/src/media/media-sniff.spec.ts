import { sniffMedia } from './media-sniff';

const bytes = (...parts: Array<number[] | string>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('media sniffing', () => {
  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png', 'png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg', 'jpg'],
    ['GIF89a', bytes('GIF89a', [1, 0]), 'image/gif', 'gif'],
    ['GIF87a', bytes('GIF87a'), 'image/gif', 'gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'webp'],
    ['MP4 (isom)', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]), 'video/mp4', 'mp4'],
    ['MP4 (mp42)', bytes([0, 0, 0, 0x18], 'ftypmp42'), 'video/mp4', 'mp4'],
    ['QuickTime', bytes([0, 0, 0, 0x14], 'ftypqt  '), 'video/quicktime', 'mov'],
  ])('%s', (_name, data, mime, ext) => {
    expect(sniffMedia(data)).toMatchObject({ mime, ext });
  });

  it.each([
    ['empty', bytes()],
    ['text', bytes('hello world, not an image')],
    ['truncated PNG', bytes([0x89, 0x50, 0x4e])],
    ['RIFF but WAVE', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['ftyp of HEIC', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['PDF', bytes('%PDF-1.7')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
  ])('refuses %s', (_name, data) => {
    expect(sniffMedia(data)).toBeNull();
  });
});
