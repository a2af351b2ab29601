import { z } from 'zod';
import { Role } from './enums';

export const WechatLoginRequest = z
  .object({
    /** From wx.login; in sandbox mode `sandbox:<name>` logs in as the stable user <name>. */
    code: z.string().trim().min(1).max(128),
  })
  .strict();
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const UserView = z.object({
  id: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  phone: z.string().nullable(),
  birthday: z.string().nullable(),
  roles: z.array(Role),
  memberLevel: z.object({ level: z.number().int(), name: z.string() }),
  points: z.object({ available: z.number().int(), frozen: z.number().int() }),
  distributor: z.object({ status: z.enum(['NONE', 'PENDING', 'APPROVED', 'REJECTED']), code: z.string().nullable() }),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const WechatLoginResponse = z.object({ token: z.string(), user: UserView });
export type WechatLoginResponse = z.infer<typeof WechatLoginResponse>;
