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

/**
 * `PATCH /api/v1/me`: the caller's own profile (资料). A complete profile (nickname, avatar, phone
 * and birthday all set) earns the COMPLETE_PROFILE points task once.
 */
export const ProfileUpdateRequest = z
  .object({
    nickname: z.string().trim().min(1, 'a nickname is required').max(32, 'a nickname is at most 32 characters'),
    avatarUrl: z.string().trim().min(1).max(512),
    phone: z.string().regex(/^1\d{10}$/, 'a mainland mobile number has 11 digits starting with 1'),
    birthday: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
      .refine((d) => {
        const t = new Date(`${d}T00:00:00Z`);
        return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d && d >= '1900-01-01';
      }, 'not a real date'),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type ProfileUpdateRequest = z.infer<typeof ProfileUpdateRequest>;
