/**
 * Exact distinct counts over any range of days (UV over 30 days is not the sum of daily UVs).
 *
 * Every visitor has a number: a user's is the user id, an anonymous device's is 2^31 + its row
 * in analytics_device, so both fit an unsigned 32-bit integer. A day keeps, per slice, the sorted
 * set of its visitor numbers, packed as deltas in LEB128 varints (a dense day costs about one
 * byte per visitor, a quarter of plain Uint32). A range decodes the days' sets into a bitmap
 * (one bit per number, in two growable halves: users and devices) and counts the bits: exact,
 * linear in the stored bytes, no per-element hashing — 180 days (a 90-day period and the one
 * before) of 20,000 visitors a day, 3.6 MB, unite in about 20 ms. Pure.
 */

export const DEVICE_BASE = 2 ** 31;

/** Sorts and de-duplicates visitor numbers. */
export function sortedIds(ids: Iterable<number>): Uint32Array {
  const array = Uint32Array.from(new Set(ids));
  array.sort();
  return array;
}

/** Packs sorted, distinct numbers: first value then gaps, each a LEB128 varint. */
export function encodeIds(ids: Uint32Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(ids.length * 5);
  let at = 0;
  let previous = 0;
  for (let i = 0; i < ids.length; i += 1) {
    let gap = ids[i] - previous;
    if (gap < 0 || (i > 0 && gap === 0)) throw new RangeError('ids must be sorted and distinct');
    previous = ids[i];
    while (gap >= 0x80) {
      out[at++] = (gap & 0x7f) | 0x80;
      gap = Math.floor(gap / 128);
    }
    out[at++] = gap;
  }
  return out.slice(0, at);
}

/** Calls `visit` with every number of a packed set, in order. */
export function forEachId(packed: Uint8Array, visit: (id: number) => void): void {
  let value = 0;
  let shift = 1;
  let gap = 0;
  for (let i = 0; i < packed.length; i += 1) {
    const byte = packed[i];
    gap += (byte & 0x7f) * shift;
    if (byte & 0x80) {
      shift *= 128;
      continue;
    }
    value += gap;
    visit(value);
    gap = 0;
    shift = 1;
  }
}

export function decodeIds(packed: Uint8Array): Uint32Array {
  const ids: number[] = [];
  forEachId(packed, (id) => ids.push(id));
  return Uint32Array.from(ids);
}

/** A set of visitor numbers as a bitmap. */
export class IdBitmap {
  private users = new Uint32Array(1024);
  private devices = new Uint32Array(64);
  private count = 0;

  /** Adds a number; true when it was not there yet. */
  add(id: number): boolean {
    const device = id >= DEVICE_BASE;
    const n = device ? id - DEVICE_BASE : id;
    const word = n >>> 5;
    let words = device ? this.devices : this.users;
    if (word >= words.length) {
      const grown = new Uint32Array(Math.max(word + 1, words.length * 2));
      grown.set(words);
      words = grown;
      if (device) this.devices = grown;
      else this.users = grown;
    }
    const bit = 1 << (n & 31);
    if (words[word] & bit) return false;
    words[word] |= bit;
    this.count += 1;
    return true;
  }

  has(id: number): boolean {
    const device = id >= DEVICE_BASE;
    const n = device ? id - DEVICE_BASE : id;
    const words = device ? this.devices : this.users;
    const word = n >>> 5;
    return word < words.length && (words[word] & (1 << (n & 31))) !== 0;
  }

  /** Adds every number of a packed set (decoded inline: this is the hot loop of a range). */
  addPacked(packed: Uint8Array): this {
    let value = 0;
    let shift = 1;
    let gap = 0;
    for (let i = 0; i < packed.length; i += 1) {
      const byte = packed[i];
      gap += (byte & 0x7f) * shift;
      if (byte & 0x80) {
        shift *= 128;
        continue;
      }
      value += gap;
      gap = 0;
      shift = 1;
      if (value < DEVICE_BASE) {
        const word = value >>> 5;
        if (word < this.users.length) {
          const bit = 1 << (value & 31);
          if ((this.users[word] & bit) === 0) {
            this.users[word] |= bit;
            this.count += 1;
          }
          continue;
        }
      }
      this.add(value);
    }
    return this;
  }

  addAll(ids: Iterable<number>): this {
    for (const id of ids) this.add(id);
    return this;
  }

  /** A copy, to add more sets to without changing this one. */
  clone(): IdBitmap {
    const copy = new IdBitmap();
    copy.users = this.users.slice();
    copy.devices = this.devices.slice();
    copy.count = this.count;
    return copy;
  }

  get size(): number {
    return this.count;
  }
}

/** The size of the union of packed sets. */
export function unionSize(sets: Iterable<Uint8Array>): number {
  const bitmap = new IdBitmap();
  for (const set of sets) bitmap.addPacked(set);
  return bitmap.size;
}

/**
 * Payers with two or more counted orders over several days, day by day: a payer of two days, or a
 * repeat payer (two orders) of any one day.
 */
export class RepeatPayers {
  private once = new IdBitmap();
  private twice = new IdBitmap();

  add(day: { payers: Uint8Array; repeatPayers: Uint8Array }): this {
    forEachId(day.payers, (id) => {
      if (!this.once.add(id)) this.twice.add(id);
    });
    this.twice.addPacked(day.repeatPayers);
    return this;
  }

  clone(): RepeatPayers {
    const copy = new RepeatPayers();
    copy.once = this.once.clone();
    copy.twice = this.twice.clone();
    return copy;
  }

  get size(): number {
    return this.twice.size;
  }
}

export function repeatCount(days: Iterable<{ payers: Uint8Array; repeatPayers: Uint8Array }>): number {
  const repeat = new RepeatPayers();
  for (const day of days) repeat.add(day);
  return repeat.size;
}
