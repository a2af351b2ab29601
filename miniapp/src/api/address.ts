import { z } from 'zod';
import { AddressList, AddressView, type AddressCreateRequest, type AddressUpdateRequest } from '@weshop/shared';
import { request } from './client';

/** `GET /api/v1/addresses`: the default first, then newest first. */
export function listAddresses(): Promise<AddressList> {
  return request('/api/v1/addresses', AddressList);
}

/** `POST /api/v1/addresses`: the user's first address becomes the default. */
export function createAddress(body: AddressCreateRequest): Promise<AddressView> {
  return request('/api/v1/addresses', AddressView, { method: 'POST', body });
}

/** `PATCH /api/v1/addresses/:id`: any of the fields. */
export function updateAddress(id: string, body: AddressUpdateRequest): Promise<AddressView> {
  return request(`/api/v1/addresses/${encodeURIComponent(id)}`, AddressView, { method: 'PATCH', body });
}

/** `DELETE /api/v1/addresses/:id`. */
export async function deleteAddress(id: string): Promise<void> {
  await request(`/api/v1/addresses/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' });
}
