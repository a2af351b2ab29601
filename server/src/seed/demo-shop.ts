import type { Role } from '@weshop/shared';
import type { PrismaClient } from '../generated/prisma/client';
import { sandboxOpenid, sandboxUnionid } from '../sandbox/sandbox-identity';
import { DEMO_CATALOG, type DemoProduct } from './demo-catalog';

/** Demo people, logged in with `sandbox:<name>` codes. */
export const DEMO_USERS: Array<{ name: string; nickname: string; roles: Role[] }> = [
  { name: 'admin', nickname: '店长小王', roles: ['CONSUMER', 'ADMIN'] },
  { name: 'alice', nickname: 'Alice 爱丽丝', roles: ['CONSUMER'] },
  { name: 'bob', nickname: 'Bob 小博', roles: ['CONSUMER'] },
  { name: 'carol', nickname: 'Carol 卡罗', roles: ['CONSUMER'] },
];

export interface SeedResult {
  categories: number;
  products: number;
  skus: number;
  users: number;
  skipped: boolean;
}

/** A small deterministic PRNG so every seeded shop looks the same. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every combination of spec values, in the order the merchant listed them. */
export function specCombinations(specs: Record<string, string[]>): Array<Record<string, string>> {
  return Object.entries(specs).reduce<Array<Record<string, string>>>(
    (combos, [name, values]) => combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value }))),
    [{}],
  );
}

/** Whole-yuan-ish prices: later spec values cost a little more; 划线价 about 35% above. */
function skuPrices(product: DemoProduct, combo: Record<string, string>): { price: number; listPrice: number } {
  const step = Math.max(100, Math.round((product.price * 0.12) / 100) * 100);
  const bump = Object.entries(combo).reduce((sum, [name, value]) => {
    const index = product.specs[name].indexOf(value);
    return sum + (name === '颜色' || name === '色号' || name === '口味' || name === '香型' ? 0 : index * step);
  }, 0);
  const price = product.price + bump;
  return { price, listPrice: Math.ceil((price * 1.35) / 100) * 100 };
}

/**
 * Seeds the demo shop: categories, products with SKUs and images served by the server itself,
 * the default shipping template, and the demo users (admin with the ADMIN role). Safe to run again: the catalog is created only
 * in an empty shop, users are upserted.
 */
export async function seedDemoShop(prisma: PrismaClient, options: { appid: string; now?: Date }): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const random = prng(20261124);
  let users = 0;
  for (const demo of DEMO_USERS) {
    const openid = sandboxOpenid(options.appid, demo.name);
    const user = await prisma.user.upsert({
      where: { openid },
      create: { openid, unionid: sandboxUnionid(demo.name), nickname: demo.nickname },
      update: {},
    });
    for (const role of demo.roles) {
      await prisma.userRole.upsert({
        where: { userId_role: { userId: user.id, role } },
        create: { userId: user.id, role },
        update: {},
      });
    }
    users += 1;
  }

  await ensureShippingTemplate(prisma);

  if ((await prisma.product.count()) > 0) {
    return {
      categories: await prisma.category.count(),
      products: await prisma.product.count(),
      skus: await prisma.sku.count(),
      users,
      skipped: true,
    };
  }

  let categories = 0;
  let products = 0;
  let skus = 0;
  let productIndex = 0;
  for (const [topIndex, top] of DEMO_CATALOG.entries()) {
    const parent = await prisma.category.create({
      data: { name: top.name, sort: topIndex, icon: `/media/demo/c${topIndex + 1}.png` },
    });
    categories += 1;
    for (const [subIndex, sub] of top.children.entries()) {
      const child = await prisma.category.create({
        data: {
          name: sub.name,
          parentId: parent.id,
          sort: subIndex,
          icon: `/media/demo/c${topIndex + 1}-${subIndex + 1}.png`,
        },
      });
      categories += 1;
      for (const product of sub.products) {
        productIndex += 1;
        const slug = `p${productIndex}`;
        const combos = specCombinations(product.specs);
        const skuData = combos.map((specs, n) => ({
          specs,
          ...skuPrices(product, specs),
          // about one SKU in eight is sold out, so the picker shows disabled options
          stock: random() < 0.12 ? 0 : 20 + Math.floor(random() * 480),
          weight: 200 + Math.floor(random() * 1800),
          code: `DEMO-${String(productIndex).padStart(3, '0')}-${String(n + 1).padStart(2, '0')}`,
        }));
        const images = [1, 2, 3].map((k) => `/media/demo/${slug}-${k}.png`);
        await prisma.product.create({
          data: {
            categoryId: child.id,
            title: product.title,
            subtitle: product.subtitle,
            tags: product.tags,
            images,
            detailHtml: detailHtml(product, images),
            minPrice: Math.min(...skuData.map((s) => s.price)),
            sales: Math.floor(random() * 5000),
            purchaseLimit: product.purchaseLimit ?? null,
            createdAt: new Date(now.getTime() - productIndex * 36 * 3600 * 1000),
            skus: { create: skuData },
          },
        });
        products += 1;
        skus += skuData.length;
      }
    }
  }
  return { categories, products, skus, users, skipped: false };
}

/**
 * 运费模板: the demo shop's default rule, ¥8 a parcel, free from ¥99, +¥15 to remote provinces.
 * Created once; a template the merchant has edited since is left alone.
 */
export const DEMO_SHIPPING_TEMPLATE = {
  name: '默认运费模板',
  flatFee: 800,
  freeOver: 9_900,
  remoteRegions: ['新疆', '西藏', '青海', '内蒙古', '宁夏'],
  remoteSurcharge: 1_500,
} as const;

async function ensureShippingTemplate(prisma: PrismaClient): Promise<void> {
  if ((await prisma.shippingTemplate.count({ where: { isDefault: true } })) > 0) return;
  await prisma.shippingTemplate.create({
    data: { ...DEMO_SHIPPING_TEMPLATE, remoteRegions: [...DEMO_SHIPPING_TEMPLATE.remoteRegions], isDefault: true },
  });
}

function detailHtml(product: DemoProduct, images: string[]): string {
  const specs = Object.entries(product.specs)
    .map(([name, values]) => `<li>${name}：${values.join(' / ')}</li>`)
    .join('');
  return [
    `<h3>${product.title}</h3>`,
    `<p>${product.subtitle}。精选好物，品质保障，七天无理由退换。</p>`,
    `<ul>${specs}</ul>`,
    ...images.slice(1).map((src) => `<img src="${src}" style="width:100%" />`),
  ].join('');
}
