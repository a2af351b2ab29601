import { z } from 'zod';

export const ROLES = ['CONSUMER', 'DISTRIBUTOR', 'COMMUNITY_MANAGER', 'ADMIN'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const PRODUCT_SORTS = ['sales', 'price_asc', 'price_desc', 'new'] as const;
export const ProductSort = z.enum(PRODUCT_SORTS);
export type ProductSort = z.infer<typeof ProductSort>;

export const WECHAT_MODES = ['sandbox', 'live'] as const;
export const WechatMode = z.enum(WECHAT_MODES);
export type WechatMode = z.infer<typeof WechatMode>;
