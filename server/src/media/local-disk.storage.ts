import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MEDIA_KEY, type MediaStorage } from './media-storage';

/** Files under one directory (UPLOAD_DIR), one sub-directory per month. */
export class LocalDiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  async save(input: { bytes: Buffer; ext: string; at: Date }): Promise<string> {
    const month = input.at.toISOString().slice(0, 7).replace('-', '');
    const key = `${month}/${randomBytes(12).toString('hex')}.${input.ext}`;
    if (!MEDIA_KEY.test(key)) throw new Error(`unsupported extension ${input.ext}`);
    await mkdir(path.join(this.root, month), { recursive: true });
    await writeFile(path.join(this.root, key), input.bytes, { flag: 'wx' });
    return key;
  }

  async open(key: string) {
    if (!MEDIA_KEY.test(key)) return null;
    const file = path.join(this.root, key);
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      return { stream: createReadStream(file), size: info.size };
    } catch {
      return null;
    }
  }

  pathOf(key: string): string {
    return `/media/uploads/${key}`;
  }
}
