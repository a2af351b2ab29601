import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. The local-disk implementation is the default; an object store
 * (COS, OSS, S3) can implement the same three methods later. Keys look like `202506/<hex>.png`.
 */
export interface MediaStorage {
  /** Stores the bytes under a new key and returns it. */
  save(input: { bytes: Buffer; ext: string; at: Date }): Promise<string>;
  /** The stored file, or null when there is none. */
  open(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** The path the server serves it at (made absolute with the public base URL). */
  pathOf(key: string): string;
}

export const MEDIA_STORAGE = Symbol('MediaStorage');

/** `yyyymm/<24 hex>.<ext>`: the only keys storage accepts (nothing to climb out of the directory with). */
export const MEDIA_KEY = /^\d{6}\/[0-9a-f]{24}\.(png|jpg|gif|webp|mp4|mov)$/;
