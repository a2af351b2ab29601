import { DEFAULT_POINTS_RULES } from '@weshop/shared';
import { formToPointsRules, POINTS_RULES_PATHS, pointsRulesFormOf, type PointsRulesForm } from './points-rules-form';

const form = (patch: Partial<PointsRulesForm> = {}): PointsRulesForm => ({
  ...pointsRulesFormOf(DEFAULT_POINTS_RULES),
  ...patch,
});

describe('the points rules form', () => {
  it('round-trips the default rules (50% as "50", ×2 as "2")', () => {
    expect(form()).toMatchObject({ maxShare: '50', birthdayMultiplier: '2', cycle: 'WEEKLY' });
    expect(formToPointsRules(form())).toEqual({ ok: true, rules: DEFAULT_POINTS_RULES });
  });

  it('reads what was typed into the contract’s units', () => {
    const result = formToPointsRules(
      form({
        maxShare: '12.5',
        birthdayMultiplier: '1.5',
        cycle: 'MONTHLY',
        bonusDay: '28',
        tasks: { FIRST_REVIEW: '0', COMPLETE_PROFILE: '10', FIRST_ORDER: '200' },
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      rules: {
        deduction: { maxShareBp: 1_250 },
        earn: { birthdayMultiplierBp: 15_000 },
        signIn: { cycle: 'MONTHLY', bonusDay: 28 },
        tasks: { FIRST_REVIEW: 0, COMPLETE_PROFILE: 10, FIRST_ORDER: 200 },
      },
    });
  });

  it.each<[string, Partial<PointsRulesForm>, string[]]>([
    ['a share above 100%', { maxShare: '120' }, ['deduction.maxShareBp']],
    ['0 points a yuan at checkout', { deductionPointsPerYuan: '0' }, ['deduction.pointsPerYuan']],
    ['a negative multiplier', { birthdayMultiplier: '-1' }, ['earn.birthdayMultiplierBp']],
    ['a weekly bonus on day 10', { bonusDay: '10' }, ['signIn.bonusDay']],
    ['notice of 0 days', { noticeDays: '0' }, ['expiry.noticeDays']],
    [
      'task points typed wrong',
      { tasks: { FIRST_REVIEW: 'x', COMPLETE_PROFILE: '1', FIRST_ORDER: '1' } },
      ['tasks.FIRST_REVIEW'],
    ],
  ])('%s is refused on its field', (_, patch, paths) => {
    const result = formToPointsRules(form(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toEqual(paths);
      for (const p of paths) expect(POINTS_RULES_PATHS.has(p)).toBe(true);
    }
  });
});
