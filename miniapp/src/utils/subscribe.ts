import Taro from '@tarojs/taro';
import {
  MAX_TEMPLATES_PER_REQUEST,
  NotificationTemplateList,
  SubscribeAnswer,
  SubscriptionCredits,
  type NotificationTemplateKey,
  type SubscribeMoment,
} from '@weshop/shared';
import { request } from '../api/client';
import { getSandboxInfo } from '../api/orders';
import { session } from '../stores/session';

/**
 * 订阅消息: at the taps that lead to a message (pay, join a group, withdraw, join a community, the
 * member and distributor centres) the shopper is asked, with `wx.requestSubscribeMessage`, to allow
 * the templates of that moment, and the answers go to the server (each 允许 is one message).
 *
 * WeChat only shows the dialog when it is called inside the tap itself, before anything awaited:
 * the template ids are therefore fetched ahead (`preloadSubscribeTemplates` when a page shows) and
 * `askToSubscribe` calls WeChat synchronously. It never throws and never blocks the tap's own
 * work for longer than the dialog. In h5 (no WeChat) the sandbox stands in for the dialog: every
 * template is accepted there, as the user's phone would, so the end-to-end flow sends messages.
 */

let templates: NotificationTemplateList | null = null;
let loading: Promise<NotificationTemplateList | null> | null = null;

/** Fetches the templates once (call when a page with a subscribing tap shows). */
export function preloadSubscribeTemplates(): Promise<NotificationTemplateList | null> {
  if (templates) return Promise.resolve(templates);
  loading ??= request('/api/v1/notifications/templates', NotificationTemplateList)
    .then((list) => (templates = list))
    .catch(() => null)
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** The WeChat template ids a moment asks for (at most three) and their keys by id. */
export function momentTemplates(
  list: NotificationTemplateList,
  moment: SubscribeMoment,
): { ids: string[]; keyOf: Map<string, NotificationTemplateKey> } {
  const keys = (list.moments[moment] ?? []).slice(0, MAX_TEMPLATES_PER_REQUEST);
  const byKey = new Map(list.templates.map((t) => [t.key, t.templateId]));
  const ids = keys.map((k) => byKey.get(k)).filter((id): id is string => Boolean(id));
  return { ids, keyOf: new Map(list.templates.map((t) => [t.templateId, t.key])) };
}

/** requestSubscribeMessage's answer (`{ [templateId]: 'accept' | …, errMsg }`) by template key. */
export function answersByKey(
  result: Record<string, unknown>,
  keyOf: Map<string, NotificationTemplateKey>,
): Partial<Record<NotificationTemplateKey, SubscribeAnswer>> {
  const answers: Partial<Record<NotificationTemplateKey, SubscribeAnswer>> = {};
  for (const [id, value] of Object.entries(result)) {
    const key = keyOf.get(id);
    const answer = SubscribeAnswer.safeParse(value);
    if (key && answer.success) answers[key] = answer.data;
  }
  return answers;
}

async function record(results: Partial<Record<NotificationTemplateKey, SubscribeAnswer>>): Promise<void> {
  if (Object.keys(results).length === 0) return;
  await request('/api/v1/notifications/subscriptions', SubscriptionCredits, { method: 'POST', body: { results } });
}

/** h5: the sandbox plays the user tapping 允许 for every template asked. */
async function sandboxAccept(ids: string[], keyOf: Map<string, NotificationTemplateKey>): Promise<void> {
  const info = await getSandboxInfo();
  const name = session.sandboxName();
  if (!info || !name) return;
  const res = await Taro.request({
    url: `${info.sandboxUrl.replace(/\/+$/, '')}/sandbox/subscriptions`,
    method: 'POST',
    data: { name, templateIds: ids },
    header: { 'Content-Type': 'application/json' },
    dataType: 'json',
  });
  if (res.statusCode < 200 || res.statusCode >= 300) return;
  await record(answersByKey(res.data as Record<string, unknown>, keyOf));
}

/**
 * Call first thing in a tap handler (before any await). Resolves once the user has answered (or at
 * once when there is nothing to ask); recording the answers continues in the background.
 */
export function askToSubscribe(moment: SubscribeMoment): Promise<void> {
  const list = templates;
  if (!list) {
    void preloadSubscribeTemplates();
    return Promise.resolve();
  }
  const { ids, keyOf } = momentTemplates(list, moment);
  if (!ids.length) return Promise.resolve();
  if (process.env.TARO_ENV === 'h5') {
    void sandboxAccept(ids, keyOf).catch(() => undefined);
    return Promise.resolve();
  }
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve();
  return Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as Parameters<
    typeof Taro.requestSubscribeMessage
  >[0])
    .then((result) => {
      void record(answersByKey(result as unknown as Record<string, unknown>, keyOf)).catch(() => undefined);
    })
    .catch(() => undefined);
}
