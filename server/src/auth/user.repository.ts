import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@weshop/shared';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

export interface UserRecord {
  id: number;
  openid: string;
  nickname: string;
  avatarUrl: string;
  phone: string | null;
  birthday: Date | null;
  roles: Role[];
  createdAt: Date;
}

const withRoles = { roles: { select: { role: true } } } as const;

function toRecord(row: {
  id: number;
  openid: string;
  nickname: string;
  avatarUrl: string;
  phone: string | null;
  birthday: Date | null;
  createdAt: Date;
  roles: { role: Role }[];
}): UserRecord {
  return { ...row, roles: row.roles.map((r) => r.role) };
}

/** Users and their roles. */
@Injectable()
export class UserRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Finds the user of an openid or creates it as a consumer; records the login time. */
  async upsertByOpenid(input: { openid: string; unionid?: string; nickname: string; at: Date }): Promise<UserRecord> {
    const row = await this.prisma.client.user.upsert({
      where: { openid: input.openid },
      create: {
        openid: input.openid,
        unionid: input.unionid ?? null,
        nickname: input.nickname,
        lastLoginAt: input.at,
        roles: { create: [{ role: 'CONSUMER' }] },
      },
      update: { lastLoginAt: input.at, ...(input.unionid ? { unionid: input.unionid } : {}) },
      include: withRoles,
    });
    return toRecord(row);
  }

  async findById(id: number): Promise<UserRecord | null> {
    const row = await this.prisma.client.user.findUnique({ where: { id }, include: withRoles });
    return row ? toRecord(row) : null;
  }

  /** Writes the given profile fields (in the caller's transaction) and returns the user as it is now. */
  async updateProfile(
    tx: Tx,
    id: number,
    fields: { nickname?: string; avatarUrl?: string; phone?: string; birthday?: Date },
  ): Promise<UserRecord> {
    const row = await tx.user.update({ where: { id }, data: fields, include: withRoles });
    return toRecord(row);
  }

  async rolesOf(id: number): Promise<Role[]> {
    const rows = await this.prisma.client.userRole.findMany({ where: { userId: id }, select: { role: true } });
    return rows.map((r) => r.role);
  }
}
