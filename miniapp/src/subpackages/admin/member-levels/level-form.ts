import { MemberLevelInput, type FieldIssue, type MemberLevelView } from '@weshop/shared';
import type { MemberLevelBody } from '../../../api/admin-marketing';
import {
  bpToMultiplierInput,
  bpToZheInput,
  consoleIssuesOf,
  InputReader,
  schemaIssues,
} from '../components/console-form/form-input';

/**
 * A 会员等级 as the manager edits it: 成长值 threshold, the discount in 折 (9.5 = 9.5折, 10 = none),
 * the points multiplier (1.5 = ×1.5) and member-day access, into the contract's MemberLevelInput
 * (discountBp = the share kept, pointsMultiplierBp).
 */

export interface LevelForm {
  name: string;
  minGrowth: string;
  /** 折. */
  zhe: string;
  /** ×. */
  multiplier: string;
  memberDayAccess: boolean;
}

export const LEVEL_PATHS = new Set(['name', 'minGrowth', 'discountBp', 'pointsMultiplierBp', 'memberDayAccess']);

export function emptyLevelForm(): LevelForm {
  return { name: '', minGrowth: '', zhe: '10', multiplier: '1', memberDayAccess: false };
}

export function levelFormOf(level: MemberLevelView): LevelForm {
  return {
    name: level.name,
    minGrowth: String(level.minGrowth),
    zhe: bpToZheInput(level.discountBp),
    multiplier: bpToMultiplierInput(level.pointsMultiplierBp),
    memberDayAccess: level.memberDayAccess,
  };
}

export type LevelFormResult = { ok: true; request: MemberLevelBody } | { ok: false; issues: FieldIssue[] };

export function formToLevel(form: LevelForm): LevelFormResult {
  const read = new InputReader();
  const request: MemberLevelBody = {
    name: read.text('name', form.name, 16, '等级名称'),
    minGrowth: read.int('minGrowth', form.minGrowth, 0, 100_000_000, '请输入 0 或正整数的成长值'),
    discountBp: read.zhe('discountBp', form.zhe),
    pointsMultiplierBp: read.multiplier('pointsMultiplierBp', form.multiplier),
    memberDayAccess: form.memberDayAccess,
  };
  if (read.issues.length) return { ok: false, issues: read.issues };
  const parsed = MemberLevelInput.safeParse(request);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  return { ok: true, request };
}

/** A refused save: field issues as listed; a threshold another level starts at goes on `minGrowth`. */
export function levelIssuesOf(error: unknown): FieldIssue[] {
  return consoleIssuesOf(error, '保存失败，请稍后再试', (e) =>
    e.code === 'MEMBER_LEVEL_GROWTH_TAKEN' ? [{ path: 'minGrowth', message: '已有等级从这个成长值开始' }] : null,
  );
}

/** `9.5折 · 积分×1.5 · 会员日` for a level's card. */
export function levelBenefitsText(
  level: Pick<MemberLevelView, 'discountBp' | 'pointsMultiplierBp' | 'memberDayAccess'>,
) {
  return [
    level.discountBp < 10_000 ? `${bpToZheInput(level.discountBp)}折` : '无折扣',
    `积分×${bpToMultiplierInput(level.pointsMultiplierBp)}`,
    level.memberDayAccess ? '可参加会员日' : '不参加会员日',
  ].join(' · ');
}
