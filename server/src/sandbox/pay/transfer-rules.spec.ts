import {
  CONFIRM_WINDOW_MS,
  isFinalBillState,
  isOverdue,
  OUT_BILL_NO,
  perceptionAllowed,
  sceneReportProblem,
  WELL_FORMED_OPENID,
} from './transfer-rules';

const info = (info_type: string, info_content = 'x') => ({ info_type, info_content });
const MISSING = '需传入转账场景报备信息，请检查';

describe('sceneReportProblem (转账场景报备信息)', () => {
  it.each([
    ['1005 with 岗位类型 and 报酬说明', '1005', [info('岗位类型', '分销员'), info('报酬说明', '佣金提现')], undefined],
    ['1005 in the other order', '1005', [info('报酬说明'), info('岗位类型')], undefined],
    ['1000 with 活动名称 and 奖励说明', '1000', [info('活动名称'), info('奖励说明')], undefined],
    ['1005 missing 报酬说明', '1005', [info('岗位类型')], MISSING],
    ['1005 with the labels of 1000', '1005', [info('活动名称'), info('奖励说明')], MISSING],
    ['1005 with a label twice', '1005', [info('岗位类型'), info('岗位类型')], MISSING],
    ['1005 with an extra label', '1005', [info('岗位类型'), info('报酬说明'), info('活动名称')], MISSING],
    ['1005 with empty content', '1005', [info('岗位类型', '  '), info('报酬说明')], MISSING],
    ['1005 with 33-character content', '1005', [info('岗位类型', '岗'.repeat(33)), info('报酬说明')], MISSING],
    ['1005 with 32-character content', '1005', [info('岗位类型', '岗'.repeat(32)), info('报酬说明')], undefined],
    ['an unknown scene', '1001', [info('岗位类型'), info('报酬说明')], '转账场景 1001 未开通'],
  ])('%s', (_name, scene, infos, problem) => {
    expect(sceneReportProblem(scene, infos)).toBe(problem);
  });
});

describe('perceptionAllowed (用户收款感知)', () => {
  it.each([
    ['1005', undefined, true],
    ['1005', '劳务报酬', true],
    ['1005', '现金奖励', false],
    ['1000', '现金奖励', true],
    ['1002', '劳务报酬', false],
  ])('scene %s, %p → %p', (scene, perception, allowed) => {
    expect(perceptionAllowed(scene, perception)).toBe(allowed);
  });
});

describe('isOverdue (24 h to confirm)', () => {
  const created = Date.parse('2025-06-01T00:00:00Z');
  it.each([
    ['WAIT_USER_CONFIRM', CONFIRM_WINDOW_MS - 1, false],
    ['WAIT_USER_CONFIRM', CONFIRM_WINDOW_MS, true],
    ['WAIT_USER_CONFIRM', CONFIRM_WINDOW_MS * 3, true],
    ['SUCCESS', CONFIRM_WINDOW_MS * 3, false],
    ['CANCELING', CONFIRM_WINDOW_MS * 3, false],
  ])('%s after %p ms → %p', (state, elapsed, overdue) => {
    expect(isOverdue({ state, createdAtMs: created }, new Date(created + elapsed))).toBe(overdue);
  });
});

describe('bill numbers, openids, final states', () => {
  it.each([
    ['W1', true],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['', false],
    ['W_1', false],
    ['W-1', false],
  ])('out_bill_no %p valid = %p', (value, valid) => {
    expect(OUT_BILL_NO.test(value)).toBe(valid);
  });

  it.each([
    [`o${'A'.repeat(27)}`, true],
    [`o${'A'.repeat(26)}`, false],
    [`x${'A'.repeat(27)}`, false],
    [`o${'A'.repeat(26)}=`, false],
  ])('openid %p well formed = %p', (value, valid) => {
    expect(WELL_FORMED_OPENID.test(value)).toBe(valid);
  });

  it.each([
    ['SUCCESS', true],
    ['FAIL', true],
    ['CANCELLED', true],
    ['CANCELING', false],
    ['WAIT_USER_CONFIRM', false],
    ['TRANSFERING', false],
  ])('%s final = %p', (state, final) => {
    expect(isFinalBillState(state)).toBe(final);
  });
});
