import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

export interface AddressRecord {
  id: number;
  userId: number;
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface AddressFields {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

const SELECT = {
  id: true,
  userId: true,
  name: true,
  phone: true,
  province: true,
  city: true,
  district: true,
  detail: true,
  isDefault: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** 收货地址: the address table, always scoped by owner. */
@Injectable()
export class AddressRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.transaction((tx) => work(tx));
  }

  /** Serializes one user's address-book writes, so the limit and the single default hold. */
  async lockBook(tx: Tx, userId: number): Promise<void> {
    await tx.$queryRaw`SELECT id FROM \`user\` WHERE id = ${userId} FOR UPDATE`;
  }

  /** The user's addresses: the default first, then newest first. */
  list(userId: number, tx?: Tx): Promise<AddressRecord[]> {
    return (tx ?? this.prisma.client).address.findMany({
      where: { userId },
      select: SELECT,
      orderBy: [{ isDefault: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  /** The address when it belongs to the user; null otherwise (someone else's looks like none). */
  findOwned(userId: number, id: number, tx?: Tx): Promise<AddressRecord | null> {
    return (tx ?? this.prisma.client).address.findFirst({ where: { id, userId }, select: SELECT });
  }

  count(tx: Tx, userId: number): Promise<number> {
    return tx.address.count({ where: { userId } });
  }

  async clearDefault(tx: Tx, userId: number, exceptId?: number): Promise<void> {
    await tx.address.updateMany({
      where: { userId, isDefault: true, ...(exceptId ? { id: { not: exceptId } } : {}) },
      data: { isDefault: false },
    });
  }

  create(tx: Tx, userId: number, fields: AddressFields, isDefault: boolean): Promise<AddressRecord> {
    return tx.address.create({ data: { userId, ...fields, isDefault }, select: SELECT });
  }

  update(tx: Tx, id: number, fields: Partial<AddressFields> & { isDefault?: boolean }): Promise<AddressRecord> {
    return tx.address.update({ where: { id }, data: fields, select: SELECT });
  }

  async makeDefault(tx: Tx, id: number): Promise<void> {
    await tx.address.update({ where: { id }, data: { isDefault: true } });
  }

  async remove(tx: Tx, id: number): Promise<void> {
    await tx.address.delete({ where: { id } });
  }
}
