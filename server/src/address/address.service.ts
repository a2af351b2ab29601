import { Inject, Injectable } from '@nestjs/common';
import {
  ADDRESS_BOOK_LIMIT,
  type AddressCreateRequest,
  type AddressList,
  type AddressUpdateRequest,
  type AddressView,
} from '@weshop/shared';
import type { Tx } from '../infra/events/domain-events';
import { AddressBookFull, AddressNotFound } from './address.errors';
import { canAddAddress, newAddressIsDefault, nextDefault } from './address-book.policy';
import { AddressRepository, type AddressRecord } from './address.repository';

/** An address as an order copies it (收货信息 snapshot). */
export interface AddressSnapshot {
  id: number;
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

function view(row: AddressRecord): AddressView {
  return {
    id: String(row.id),
    name: row.name,
    phone: row.phone,
    province: row.province,
    city: row.city,
    district: row.district,
    detail: row.detail,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * 收货地址: a shopper's own address book. Nobody reads or changes another user's addresses: an id
 * that is not the caller's is "not found". The book has at most 20 entries and, when not empty,
 * exactly one default.
 */
@Injectable()
export class AddressService {
  constructor(@Inject(AddressRepository) private readonly addresses: AddressRepository) {}

  async listAddresses(userId: number): Promise<AddressList> {
    const rows = await this.addresses.list(userId);
    return { items: rows.map(view), total: rows.length, page: 1, pageSize: ADDRESS_BOOK_LIMIT };
  }

  /**
   * The user's own address as the order copies it, or null when the id is not theirs.
   * For the order service: pass the order's transaction to read inside it.
   */
  async findOwned(userId: number, addressId: number, tx?: Tx): Promise<AddressSnapshot | null> {
    const row = await this.addresses.findOwned(userId, addressId, tx);
    if (!row) return null;
    const { id, name, phone, province, city, district, detail } = row;
    return { id, name, phone, province, city, district, detail };
  }

  async addAddress(userId: number, body: AddressCreateRequest): Promise<AddressView> {
    const { isDefault: requested, ...fields } = body;
    const row = await this.addresses.transaction(async (tx) => {
      await this.addresses.lockBook(tx, userId);
      const count = await this.addresses.count(tx, userId);
      if (!canAddAddress(count)) throw new AddressBookFull(ADDRESS_BOOK_LIMIT);
      const isDefault = newAddressIsDefault(count, requested);
      if (isDefault) await this.addresses.clearDefault(tx, userId);
      return this.addresses.create(tx, userId, fields, isDefault);
    });
    return view(row);
  }

  async changeAddress(userId: number, addressId: string, body: AddressUpdateRequest): Promise<AddressView> {
    const row = await this.addresses.transaction(async (tx) => {
      await this.addresses.lockBook(tx, userId);
      const current = await this.addresses.findOwned(userId, Number(addressId), tx);
      if (!current) throw new AddressNotFound(addressId);
      const { isDefault, ...fields } = body;
      if (isDefault === true && !current.isDefault) {
        await this.addresses.clearDefault(tx, userId, current.id);
        return this.addresses.update(tx, current.id, { ...fields, isDefault: true });
      }
      if (isDefault === false && current.isDefault) {
        // the default moves to the newest other address; an only address stays the default
        const others = (await this.addresses.list(userId, tx)).filter((a) => a.id !== current.id);
        const heir = nextDefault(others);
        if (heir !== null) {
          await this.addresses.update(tx, current.id, { ...fields, isDefault: false });
          await this.addresses.makeDefault(tx, heir);
          return (await this.addresses.findOwned(userId, current.id, tx))!;
        }
      }
      return this.addresses.update(tx, current.id, fields);
    });
    return view(row);
  }

  async removeAddress(userId: number, addressId: string): Promise<void> {
    await this.addresses.transaction(async (tx) => {
      await this.addresses.lockBook(tx, userId);
      const current = await this.addresses.findOwned(userId, Number(addressId), tx);
      if (!current) throw new AddressNotFound(addressId);
      await this.addresses.remove(tx, current.id);
      if (current.isDefault) {
        const heir = nextDefault(await this.addresses.list(userId, tx));
        if (heir !== null) await this.addresses.makeDefault(tx, heir);
      }
    });
  }
}
