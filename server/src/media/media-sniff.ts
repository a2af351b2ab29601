/**
 * What an uploaded file really is, from its first bytes (the declared content type is not
 * trusted). Only the formats the mini-program shows are recognised.
 */
export interface SniffedMedia {
  kind: 'image' | 'video';
  mime: string;
  ext: string;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffMedia(bytes: Uint8Array): SniffedMedia | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mime: 'image/png', ext: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return { kind: 'image', mime: 'image/gif', ext: 'gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return { kind: 'image', mime: 'image/webp', ext: 'webp' };
  // ISO base media: a box of type `ftyp` first; its brand tells MP4 from QuickTime.
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (brand === 'qt  ') return { kind: 'video', mime: 'video/quicktime', ext: 'mov' };
    if (/^(isom|iso[2-9]|mp4[12]|avc1|M4V |M4VH|dash|3gp[4-6]|MSNV|mmp4)$/.test(brand))
      return { kind: 'video', mime: 'video/mp4', ext: 'mp4' };
  }
  return null;
}
