/**
 * The local forbidden-word list (违禁词), checked before WeChat's content security. Matching is on
 * a normalised form of both the words and the text: Unicode NFKC (full-width → half-width),
 * lower case, and without spaces, punctuation or symbols, so `代 开-发.票` and `ＶＸ` still match.
 */
export class KeywordFilter {
  private readonly words: Array<{ word: string; normal: string }>;

  constructor(words: Iterable<string>) {
    const seen = new Set<string>();
    this.words = [];
    for (const word of words) {
      const normal = normalise(word);
      if (!normal || seen.has(normal)) continue;
      seen.add(normal);
      this.words.push({ word: word.trim(), normal });
    }
  }

  get size(): number {
    return this.words.length;
  }

  /** The first listed word found in any of the texts, or null. */
  find(...texts: Array<string | null | undefined>): string | null {
    const haystack = texts.map((t) => normalise(t ?? '')).join('\u0000');
    for (const { word, normal } of this.words) if (haystack.includes(normal)) return word;
    return null;
  }
}

/** NFKC, lower case, letters / digits / ideographs only. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Words of a keyword file: one per line, `#` comments and blank lines ignored. */
export function parseKeywordFile(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}
