import { z } from 'zod';
import { WechatMode } from './enums';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  redis: z.enum(['ok', 'down']),
  wechat: WechatMode,
});
export type Health = z.infer<typeof Health>;
