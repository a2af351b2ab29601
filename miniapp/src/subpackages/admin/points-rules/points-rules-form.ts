import { POINTS_TASKS, PointsRules, type FieldIssue, type PointsTaskKind } from '@weshop/shared';
import { bpToPercentInput, percentInputToBp } from '../../../utils/distribution';
import { bpToMultiplierInput, InputReader, schemaIssues } from '../components/console-form/form-input';

/**
 * 积分规则 as the manager edits them (numbers as typed, the deduction cap in %, the birthday bonus as a
 * multiplier), back into the contract's PointsRules by the same paths the server names
 * (`deduction.maxShareBp`, `signIn.bonusDay`, …).
 */

export interface PointsRulesForm {
  earnPointsPerYuan: string;
  excludeActivityGoods: boolean;
  /** ×. */
  birthdayMultiplier: string;
  deductionPointsPerYuan: string;
  /** Percent of the goods. */
  maxShare: string;
  minUnit: string;
  combineWithCoupon: boolean;
  cycle: PointsRules['signIn']['cycle'];
  dailyPoints: string;
  bonusDay: string;
  bonusPoints: string;
  yearsAfter: string;
  noticeDays: string;
  tasks: Record<PointsTaskKind, string>;
}

export function pointsRulesFormOf(r: PointsRules): PointsRulesForm {
  return {
    earnPointsPerYuan: String(r.earn.pointsPerYuan),
    excludeActivityGoods: r.earn.excludeActivityGoods,
    birthdayMultiplier: bpToMultiplierInput(r.earn.birthdayMultiplierBp),
    deductionPointsPerYuan: String(r.deduction.pointsPerYuan),
    maxShare: bpToPercentInput(r.deduction.maxShareBp),
    minUnit: String(r.deduction.minUnit),
    combineWithCoupon: r.deduction.combineWithCoupon,
    cycle: r.signIn.cycle,
    dailyPoints: String(r.signIn.dailyPoints),
    bonusDay: String(r.signIn.bonusDay),
    bonusPoints: String(r.signIn.bonusPoints),
    yearsAfter: String(r.expiry.yearsAfter),
    noticeDays: String(r.expiry.noticeDays),
    tasks: Object.fromEntries(POINTS_TASKS.map((t) => [t, String(r.tasks[t])])) as Record<PointsTaskKind, string>,
  };
}

export type PointsRulesFormResult = { ok: true; rules: PointsRules } | { ok: false; issues: FieldIssue[] };

export function formToPointsRules(form: PointsRulesForm): PointsRulesFormResult {
  const read = new InputReader();
  const maxShareBp = percentInputToBp(form.maxShare);
  if (maxShareBp === null) read.add('deduction.maxShareBp', '请输入 0-100 的百分比（最多两位小数）');
  const rules: PointsRules = {
    earn: {
      pointsPerYuan: read.int('earn.pointsPerYuan', form.earnPointsPerYuan, 0, 100),
      excludeActivityGoods: form.excludeActivityGoods,
      birthdayMultiplierBp: read.multiplier('earn.birthdayMultiplierBp', form.birthdayMultiplier),
    },
    deduction: {
      pointsPerYuan: read.int('deduction.pointsPerYuan', form.deductionPointsPerYuan, 1, 100_000),
      maxShareBp: maxShareBp ?? 0,
      minUnit: read.int('deduction.minUnit', form.minUnit, 1, 100_000),
      combineWithCoupon: form.combineWithCoupon,
    },
    signIn: {
      cycle: form.cycle,
      dailyPoints: read.int('signIn.dailyPoints', form.dailyPoints, 0, 10_000),
      bonusDay: read.int(
        'signIn.bonusDay',
        form.bonusDay,
        1,
        form.cycle === 'WEEKLY' ? 7 : 31,
        form.cycle === 'WEEKLY' ? '每周签到的奖励日为第 1-7 天' : '每月签到的奖励日为第 1-31 天',
      ),
      bonusPoints: read.int('signIn.bonusPoints', form.bonusPoints, 0, 100_000),
    },
    expiry: {
      yearsAfter: read.int('expiry.yearsAfter', form.yearsAfter, 0, 10),
      noticeDays: read.int('expiry.noticeDays', form.noticeDays, 1, 366),
    },
    tasks: Object.fromEntries(
      POINTS_TASKS.map((t) => [t, read.int(`tasks.${t}`, form.tasks[t], 0, 100_000)]),
    ) as PointsRules['tasks'],
  };
  if (read.issues.length) return { ok: false, issues: read.issues };
  const parsed = PointsRules.safeParse(rules);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  return { ok: true, rules: parsed.data };
}

export const POINTS_RULES_PATHS = new Set([
  'earn.pointsPerYuan',
  'earn.excludeActivityGoods',
  'earn.birthdayMultiplierBp',
  'deduction.pointsPerYuan',
  'deduction.maxShareBp',
  'deduction.minUnit',
  'deduction.combineWithCoupon',
  'signIn.cycle',
  'signIn.dailyPoints',
  'signIn.bonusDay',
  'signIn.bonusPoints',
  'expiry.yearsAfter',
  'expiry.noticeDays',
  ...POINTS_TASKS.map((t) => `tasks.${t}`),
]);
