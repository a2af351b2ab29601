import { z } from 'zod';
import { FieldIssue, yuanInputToFen, type Bp, type Fen } from '@weshop/shared';
import { ApiError } from '../../../../api/client';
import { parseLocalDateTime } from '../../groupbuys/campaign-form';

/**
 * Reading what a manager typed into the 营销 console's forms: amounts in yuan, 折 (9.5 = 9.5折),
 * multipliers (×1.5), whole numbers, `YYYY-MM-DD HH:mm` times and id lists, each into the contract's
 * unit (fen, basis points, ISO-8601). A reader collects one issue per input that is not well-formed,
 * by the request path the server would name; the business rules stay the server's.
 */
export class InputReader {
  readonly issues: FieldIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** A whole number in `min..max`. */
  int(path: string, value: string, min: number, max: number, message = `请输入 ${min}-${max} 的整数`): number {
    const n = wholeNumber(value);
    if (n === null || n < min || n > max) {
      this.add(path, message);
      return 0;
    }
    return n;
  }

  /** A whole number in `min..max`, or null when left empty. */
  optionalInt(path: string, value: string, min: number, max: number, message?: string): number | null {
    return value.trim() === '' ? null : this.int(path, value, min, max, message);
  }

  /** Yuan with at most two decimals, as fen ≥ `min`. */
  yuan(path: string, value: string, min = 1): Fen {
    const fen = yuanInputToFen(value);
    if (fen === null || fen < min) {
      this.add(path, min > 0 ? '请输入大于 0 的金额（最多两位小数）' : '请输入金额（最多两位小数）');
      return 0;
    }
    return fen;
  }

  /** 折 (0.1 … 10, two decimals) as the basis points kept: 9.5 → 9500. */
  zhe(path: string, value: string): Bp {
    const bp = zheInputToBp(value);
    if (bp === null || bp < 1 || bp > 10_000) {
      this.add(path, '请输入 0.01-10 的折扣（如 9.5 表示 9.5 折）');
      return 0;
    }
    return bp;
  }

  /** A multiplier (×0 … ×10, two decimals) as basis points: 1.5 → 15000. */
  multiplier(path: string, value: string): Bp {
    const bp = multiplierInputToBp(value);
    if (bp === null || bp > 100_000) {
      this.add(path, '请输入 0-10 的倍数（如 2 表示 2 倍）');
      return 0;
    }
    return bp;
  }

  /** `YYYY-MM-DD HH:mm` in the device's time zone, as ISO-8601. */
  time(path: string, value: string): string {
    const iso = parseLocalDateTime(value);
    if (!iso) {
      this.add(path, '请按 2026-11-24 10:00 的格式填写');
      return '';
    }
    return iso;
  }

  /** One numeric id. */
  id(path: string, value: string, message = '请填写编号（数字）'): string {
    const trimmed = value.trim();
    if (!/^\d{1,10}$/.test(trimmed)) {
      this.add(path, message);
      return trimmed;
    }
    return trimmed;
  }

  /** Ids separated by commas, spaces or 、 (at least one). */
  ids(path: string, value: string, message = '请填写编号，多个用逗号分隔'): string[] {
    const ids = splitIds(value);
    if (ids === null || ids.length === 0) {
      this.add(path, message);
      return [];
    }
    return ids;
  }

  /** A trimmed text of 1..max characters. */
  text(path: string, value: string, max: number, what: string): string {
    const trimmed = value.trim();
    if (!trimmed) this.add(path, `请填写${what}`);
    else if (Array.from(trimmed).length > max) this.add(path, `${what}最多 ${max} 个字`);
    return trimmed;
  }
}

/** A typed whole number ("12", " 7 "), or null. */
export function wholeNumber(value: string): number | null {
  const trimmed = value.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

/** 折 as typed ("9.5", "8", "8.75") into basis points kept (9500, 8000, 8750); null when not a number. */
export function zheInputToBp(input: string): Bp | null {
  const match = /^\s*(\d{1,2})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!match) return null;
  return Number(match[1]) * 1_000 + Number((match[2] ?? '').padEnd(2, '0')) * 10;
}

/** Basis points kept back into 折: 9500 → "9.5", 10000 → "10". */
export function bpToZheInput(bp: Bp): string {
  return String(Number((bp / 1_000).toFixed(2)));
}

/** A multiplier as typed ("2", "1.5", "1.25") into basis points (20000, 15000, 12500); null when not a number. */
export function multiplierInputToBp(input: string): Bp | null {
  const match = /^\s*(\d{1,2})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!match) return null;
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(2, '0')) * 100;
}

/** Basis points back into a multiplier input: 15000 → "1.5". */
export function bpToMultiplierInput(bp: Bp): string {
  return String(Number((bp / 10_000).toFixed(2)));
}

/** "12, 40、7 9" → ["12", "40", "7", "9"]; null when any part is not a numeric id. */
export function splitIds(value: string): string[] | null {
  const parts = value
    .split(/[\s,，、]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.every((p) => /^\d{1,10}$/.test(p)) ? parts : null;
}

/** Fen back into a yuan input: 1230 → "12.3", 100 → "1". */
export function fenToYuan(fen: Fen): string {
  return String(Number((fen / 100).toFixed(2)));
}

/** The contract's own issues (a last check after the reader), by their dotted path. */
export function schemaIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

const Issues = z.array(FieldIssue);

/**
 * The issues of a refused request: 400 VALIDATION_FAILED lists `details.fields`, a business refusal
 * (PROMOTION_INVALID, COUPON_TEMPLATE_INVALID, …) `details.fields` or `details.violations`; `special`
 * maps other codes onto a field (e.g. MEMBER_LEVEL_GROWTH_TAKEN → minGrowth). Anything else is one
 * message for the top of the form (path '').
 */
export function consoleIssuesOf(
  error: unknown,
  fallback: string,
  special: (error: ApiError) => FieldIssue[] | null = () => null,
): FieldIssue[] {
  if (!(error instanceof ApiError)) return [{ path: '', message: fallback }];
  for (const listed of [error.details.fields, error.details.violations]) {
    const parsed = Issues.safeParse(listed);
    if (parsed.success && parsed.data.length > 0) {
      // The zod pipe names a body-level issue `(root)`: that belongs at the top.
      return parsed.data.map((i) => (i.path === '(root)' ? { ...i, path: '' } : i));
    }
  }
  const placed = special(error);
  if (placed && placed.length > 0) return placed;
  return [{ path: '', message: error.message || fallback }];
}
