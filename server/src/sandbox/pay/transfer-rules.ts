/**
 * The rules the sandbox's 商家转账 (transfer-bills, WECHAT.md §B.1, §E.5) applies, as pure
 * functions: scene report labels, 用户收款感知 values, the real-name threshold and the 24 h
 * confirmation window.
 */

/** 转账场景报备信息: the `info_type` labels each scene requires, all of them and only them. */
export const SCENE_REPORT_LABELS: Readonly<Record<string, readonly string[]>> = {
  '1000': ['活动名称', '奖励说明'], // 现金营销
  '1005': ['岗位类型', '报酬说明'], // 佣金报酬
};

/**
 * 用户收款感知 values the sandbox accepts per scene (omitting the field shows the scene's
 * default). The sandbox's own short list, modelled on WeChat's per-scene tables.
 */
export const USER_RECV_PERCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  '1000': ['活动奖励', '现金奖励'],
  '1005': ['劳务报酬', '报酬收入'],
};

/** From 2,000 yuan on, `user_name` (encrypted) is required. */
export const USER_NAME_REQUIRED_FROM_FEN = 200_000;

/** An unconfirmed bill is closed (FAIL, `OVERDUE_CLOSE`) 24 h after its creation. */
export const CONFIRM_WINDOW_MS = 24 * 3600_000;

/** The fail_reason WeChat reports for a bill closed because nobody confirmed it in time. */
export const OVERDUE_FAIL_REASON = 'OVERDUE_CLOSE';
/** The fail_reason of a bill the merchant cancelled. */
export const CANCEL_FAIL_REASON = 'MCH_CANCEL';
/** `POST /sandbox/transfers/:no/fail` without a reason. */
export const DEFAULT_FAIL_REASON = 'OTHER_FAIL_REASON_TYPE';

export const OUT_BILL_NO = /^[0-9A-Za-z]{1,32}$/;
/** What an openid issued under some appid looks like (28 characters of base64url, leading `o`). */
export const WELL_FORMED_OPENID = /^o[A-Za-z0-9_-]{27}$/;

export const FINAL_BILL_STATES = ['SUCCESS', 'FAIL', 'CANCELLED'] as const;

export interface SceneReportInfo {
  info_type: string;
  info_content: string;
}

/**
 * Checks `transfer_scene_report_infos` against the scene: exactly the scene's labels, each once,
 * each with content (≤ 32 characters). Returns WeChat's PARAM_ERROR message, or undefined.
 */
export function sceneReportProblem(sceneId: string, infos: readonly SceneReportInfo[]): string | undefined {
  const required = SCENE_REPORT_LABELS[sceneId];
  if (!required) return `转账场景 ${sceneId} 未开通`;
  const given = infos.map((info) => info.info_type);
  const complete =
    given.length === required.length &&
    required.every((label) => given.filter((type) => type === label).length === 1) &&
    infos.every((info) => info.info_content.trim().length > 0 && [...info.info_content].length <= 32);
  return complete ? undefined : '需传入转账场景报备信息，请检查';
}

/** Whether `perception` may be shown for this scene (undefined = the scene's default). */
export function perceptionAllowed(sceneId: string, perception: string | undefined): boolean {
  return perception === undefined || (USER_RECV_PERCEPTIONS[sceneId] ?? []).includes(perception);
}

/** A bill still waiting for its payee 24 h after creation is due to be closed. */
export function isOverdue(bill: { state: string; createdAtMs: number }, now: Date): boolean {
  return bill.state === 'WAIT_USER_CONFIRM' && now.getTime() - bill.createdAtMs >= CONFIRM_WINDOW_MS;
}

export function isFinalBillState(state: string): boolean {
  return (FINAL_BILL_STATES as readonly string[]).includes(state);
}
