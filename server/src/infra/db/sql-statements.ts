/**
 * Splits a MySQL/MariaDB migration script into its statements, in order.
 *
 * A statement ends at a `;` outside quotes (`'...'`, `"..."`, `` `...` ``, with backslash and doubled-quote
 * escapes) and outside comments (`-- ...`, `# ...`, `/* ... *\/`). Comments are kept inside a statement's
 * text but a piece holding only comments and whitespace is dropped. `DELIMITER` (a mysql client command, not
 * SQL) is not supported.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;

  const flush = (end: number): void => {
    const text = script.slice(start, end).trim();
    if (stripSqlComments(text).trim() !== '') statements.push(text);
  };

  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(script, i, c);
    } else if ((c === '-' && next === '-' && isCommentSpace(script[i + 2])) || c === '#') {
      const eol = script.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      const close = script.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
    } else if (c === ';') {
      flush(i);
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
  flush(n);
  return statements;
}

/** Removes `-- `, `#` and `/* *\/` comments outside quotes (used to tell an empty statement). */
function stripSqlComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      const end = skipQuoted(text, i, c);
      out += text.slice(i, end);
      i = end;
    } else if ((c === '-' && next === '-' && isCommentSpace(text[i + 2])) || c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol + 1;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** `--` starts a comment only when followed by whitespace or the end of the text (MySQL's rule). */
function isCommentSpace(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c);
}

/** Returns the index just after the quoted literal/identifier opening at `open`. */
function skipQuoted(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && quote !== '`') {
      i += 2;
    } else if (c === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return text.length;
}
