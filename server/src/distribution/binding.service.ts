import { Inject, Injectable } from '@nestjs/common';
import type { BindResult, BindSource } from '@weshop/shared';
import { Prisma } from '../generated/prisma/client';
import { Clock } from '../infra/clock';
import { PrismaService } from '../infra/prisma/prisma.service';
import { decideBinding } from './binding.policy';
import { DistributionSettingsStore } from './distribution-settings.store';
import { ReferralCodeUnknown, ReferralCycle, ReferralSelf } from './distribution.errors';

/** 锁客: binds a customer to the distributor whose share they opened, by the shop's rules. */
@Injectable()
export class BindingService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DistributionSettingsStore) private readonly settings: DistributionSettingsStore,
  ) {}

  async bind(customerId: number, code: string, source: BindSource): Promise<BindResult> {
    const settings = await this.settings.get();
    const target = await this.prisma.client.distributor.findUnique({ where: { code } });
    if (!target || target.status !== 'APPROVED') throw new ReferralCodeUnknown(code);
    if (!settings.enabled) return this.current(customerId, 'DISABLED');
    // Two shares opened at once: the binding row is locked (or its absence settled by the primary key).
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        return await this.prisma.transaction(async (tx) => {
          const now = this.clock.now();
          const [current] = await tx.$queryRaw<{ distributorId: number; expiresAt: Date | null }[]>`
            SELECT distributor_id AS distributorId, expires_at AS expiresAt
              FROM customer_binding WHERE customer_id = ${customerId} FOR UPDATE`;
          const customer = await tx.distributor.findUnique({ where: { userId: customerId } });
          const paid = await tx.order.count({ where: { userId: customerId, paidAt: { not: null } }, take: 1 });
          const decision = decideBinding({
            now,
            customerId,
            target: { userId: target.userId, path: target.path },
            customerAsDistributor: customer?.status === 'APPROVED' ? { path: customer.path } : null,
            current: current ? { distributorId: Number(current.distributorId), expiresAt: current.expiresAt } : null,
            settings: settings.binding,
            hasPaidOrder: paid > 0,
          });
          if (decision.kind === 'REFUSE') throw decision.reason === 'SELF' ? new ReferralSelf() : new ReferralCycle();
          if (decision.kind === 'KEEP') return this.current(customerId, decision.outcome, tx);
          const data = { distributorId: target.userId, source, boundAt: now, expiresAt: decision.expiresAt };
          if (current) await tx.customerBinding.update({ where: { customerId }, data });
          else await tx.customerBinding.create({ data: { customerId, ...data } });
          await tx.bindingLog.create({
            data: {
              customerId,
              distributorId: target.userId,
              previousId: current ? Number(current.distributorId) : null,
              source,
              at: now,
            },
          });
          return {
            bound: true,
            outcome: decision.outcome,
            distributorCode: target.code,
            until: decision.expiresAt?.toISOString() ?? null,
          };
        });
      } catch (error) {
        // A concurrent first bind created the row between our read and our insert: decide again.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue;
        throw error;
      }
    }
    return this.current(customerId, 'ALREADY_BOUND');
  }

  private async current(
    customerId: number,
    outcome: BindResult['outcome'],
    tx: Prisma.TransactionClient = this.prisma.client,
  ): Promise<BindResult> {
    const binding = await tx.customerBinding.findUnique({ where: { customerId } });
    const now = this.clock.now().getTime();
    const active = binding && (binding.expiresAt === null || binding.expiresAt.getTime() > now);
    const distributor = active
      ? await tx.distributor.findUnique({ where: { userId: binding.distributorId }, select: { code: true } })
      : null;
    return {
      bound: false,
      outcome,
      distributorCode: distributor?.code ?? null,
      until: active ? (binding.expiresAt?.toISOString() ?? null) : null,
    };
  }
}
