import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { WechatMiniClient } from '../wechat/wechat-mini.client';
import { chunkForCheck, worstVerdict, type Suggest, type TextVerdict } from './content-security.policy';
import { SandboxPushRegistration } from './message-push/sandbox-push-registration';

/** msg_sec_check / media_check_async `scene` (WECHAT.md §C.6: 1 资料, 2 评论, 3 论坛, 4 社交日志). */
export const CHECK_SCENE = { post: 2, comment: 2 } as const;

const Answer = z.object({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  trace_id: z.string().optional(),
  result: z
    .object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.union([z.number(), z.string()]) })
    .optional(),
});
type Answer = z.infer<typeof Answer>;

const TOKEN_ERRORS = [40001, 42001];

/**
 * WeChat content security v2 (内容安全): text through `POST /wxa/msg_sec_check` (synchronous
 * verdict) and images through `POST /wxa/media_check_async` (a trace_id now, the verdict later
 * through message push). Failures never throw: they come back as "unavailable", and the post
 * then waits for a manager. Never logs the access token or the openid.
 */
@Injectable()
export class ContentSecurityClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WechatMiniClient) private readonly wechat: WechatMiniClient,
    @Inject(SandboxPushRegistration) private readonly pushRegistration: SandboxPushRegistration,
  ) {}

  /** Title and text (split into ≤2,500-character pieces), the strictest verdict of all pieces. */
  async checkText(input: { openid: string; scene: number; title?: string; text: string }): Promise<TextVerdict> {
    const pieces = chunkForCheck(input.text);
    if (pieces.length === 0) pieces.push(input.title ?? '');
    const verdicts: TextVerdict[] = [];
    for (const [index, content] of pieces.entries()) {
      // The title goes with the first piece (msg_sec_check checks `title` too).
      const answer = await this.call('/wxa/msg_sec_check', {
        version: 2,
        openid: input.openid,
        scene: input.scene,
        content,
        ...(index === 0 && input.title ? { title: input.title } : {}),
      });
      const verdict = textVerdictOf(answer);
      verdicts.push(verdict);
      if ('suggest' in verdict && verdict.suggest === 'risky') break;
    }
    return worstVerdict(verdicts);
  }

  /** Submits an image; its trace_id, or null when WeChat refused or could not be reached. */
  async submitImage(input: { openid: string; scene: number; url: string }): Promise<string | null> {
    await this.pushRegistration.ensure();
    const answer = await this.call('/wxa/media_check_async', {
      media_url: input.url,
      media_type: 2,
      version: 2,
      openid: input.openid,
      scene: input.scene,
    });
    if (!answer || (answer.errcode ?? 0) !== 0 || !answer.trace_id) return null;
    return answer.trace_id;
  }

  /** POSTs with the access token; a 40001/42001 refreshes it once. Null when WeChat cannot be reached. */
  private async call(path: string, body: unknown): Promise<Answer | null> {
    try {
      let answer = await this.post(path, await this.wechat.accessToken(), body);
      if (answer && TOKEN_ERRORS.includes(answer.errcode ?? 0))
        answer = await this.post(path, await this.wechat.accessToken(true), body);
      return answer;
    } catch {
      return null;
    }
  }

  private async post(path: string, token: string, body: unknown): Promise<Answer | null> {
    const response = await fetch(`${this.config.wechat.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return null;
    const parsed = Answer.safeParse(await response.json().catch(() => null));
    return parsed.success ? parsed.data : null;
  }
}

function textVerdictOf(answer: Answer | null): TextVerdict {
  if (!answer) return { unavailable: true };
  if ((answer.errcode ?? 0) !== 0 || !answer.result) return { unavailable: true, errcode: answer.errcode };
  const label = Number(answer.result.label);
  return { suggest: answer.result.suggest as Suggest, label: Number.isFinite(label) ? label : 21000 };
}
