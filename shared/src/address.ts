import { z } from 'zod';
import { page } from './list';

const Id = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a numeric id')
  .refine((value) => Number(value) <= 2_147_483_647, 'must be a numeric id');

/** At most this many addresses per user. */
export const ADDRESS_BOOK_LIMIT = 20;

/** A mainland mobile number, or a landline with its area code (010-12345678, 0755 1234567-89). */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}(?:-\d{1,6})?)$/;

const text = (max: number) => z.string().trim().min(1).max(max);

const AddressFields = {
  name: text(32),
  phone: z.string().trim().regex(PHONE_PATTERN, 'must be a mainland mobile or a landline with area code'),
  province: text(32),
  city: text(32),
  district: text(32),
  detail: text(120),
  /** Makes this the default address (the others lose it). */
  isDefault: z.boolean(),
};

/** Body of POST /addresses. The user's first address becomes the default whatever isDefault says. */
export const AddressCreateRequest = z
  .object({ ...AddressFields, isDefault: AddressFields.isDefault.optional() })
  .strict();
export type AddressCreateRequest = z.infer<typeof AddressCreateRequest>;

/**
 * Body of PATCH /addresses/:id: any of the fields. `isDefault: false` on the default hands the
 * default to the newest other address; a user with addresses always has exactly one default.
 */
export const AddressUpdateRequest = z
  .object(AddressFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });
export type AddressUpdateRequest = z.infer<typeof AddressUpdateRequest>;

export const AddressIdParam = z.object({ id: Id }).strict();
export type AddressIdParam = z.infer<typeof AddressIdParam>;

export const AddressView = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AddressView = z.infer<typeof AddressView>;

/** GET /addresses: the default first, then newest first; one page holds them all. */
export const AddressList = page(AddressView);
export type AddressList = z.infer<typeof AddressList>;
