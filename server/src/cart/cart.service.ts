import { Inject, Injectable } from '@nestjs/common';
import type { CartItemAddRequest, CartView } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { mediaUrl } from '../media/media-url';
import {
  CartFull,
  CartItemNotFound,
  CartQuantityLimit,
  CartStockInsufficient,
  ProductOffShelf,
  SkuNotFound,
} from './cart.errors';
import { addToCart, changeCartQuantity, isAvailable, type CartLineVerdict } from './cart.policy';
import { CartRepository } from './cart.repository';

/**
 * 购物车: the shopper's own lines. Prices and stock are read live from the SKU; the cart never
 * totals anything (amounts come from POST /orders/preview).
 */
@Injectable()
export class CartService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CartRepository) private readonly cart: CartRepository,
  ) {}

  async viewCart(userId: number): Promise<CartView> {
    const lines = await this.cart.lines(userId);
    return {
      items: lines.map((line) => ({
        id: String(line.id),
        skuId: String(line.skuId),
        productId: String(line.productId),
        title: line.title,
        image: line.image ? mediaUrl(this.config.publicBaseUrl, line.image) : '',
        specs: line.specs,
        price: line.price,
        listPrice: line.listPrice,
        stock: line.stock,
        quantity: line.quantity,
        available: isAvailable(line.onShelf, line.stock),
      })),
      count: lines.reduce((sum, line) => sum + line.quantity, 0),
    };
  }

  /** Adds units of a SKU, merging with the line that already holds it. */
  async addItem(userId: number, body: CartItemAddRequest): Promise<CartView> {
    const skuId = Number(body.skuId);
    await this.cart.transaction(async (tx) => {
      await this.cart.lockCart(tx, userId);
      const sku = await this.cart.skuState(tx, skuId);
      if (!sku) throw new SkuNotFound(body.skuId);
      const existing = await this.cart.lineOfSku(tx, userId, skuId);
      const verdict = addToCart(
        {
          inCart: existing?.quantity ?? 0,
          lines: existing ? 0 : await this.cart.countLines(tx, userId),
          stock: sku.stock,
          onShelf: sku.onShelf,
        },
        body.quantity,
      );
      const quantity = accepted(verdict, body.skuId);
      if (existing) await this.cart.setQuantity(tx, existing.id, quantity);
      else await this.cart.addLine(tx, userId, skuId, quantity);
    });
    return this.viewCart(userId);
  }

  async changeQuantity(userId: number, itemId: string, quantity: number): Promise<CartView> {
    await this.cart.transaction(async (tx) => {
      await this.cart.lockCart(tx, userId);
      const line = await this.cart.ownedLine(tx, userId, Number(itemId));
      // someone else's line is "not found", never "forbidden": its existence is not revealed
      if (!line) throw new CartItemNotFound(itemId);
      const verdict = changeCartQuantity({ inCart: line.quantity, stock: line.stock, onShelf: line.onShelf }, quantity);
      await this.cart.setQuantity(tx, line.id, accepted(verdict, String(line.skuId)));
    });
    return this.viewCart(userId);
  }

  async removeItem(userId: number, itemId: string): Promise<CartView> {
    if (!(await this.cart.removeLine(userId, Number(itemId)))) throw new CartItemNotFound(itemId);
    return this.viewCart(userId);
  }
}

function accepted(verdict: CartLineVerdict, skuId: string): number {
  if (verdict.ok) return verdict.quantity;
  switch (verdict.reason) {
    case 'OFF_SHELF':
      throw new ProductOffShelf(skuId);
    case 'CART_FULL':
      throw new CartFull(verdict.max);
    case 'QUANTITY_LIMIT':
      throw new CartQuantityLimit(skuId, verdict.max);
    case 'STOCK_INSUFFICIENT':
      throw new CartStockInsufficient(skuId, verdict.available);
  }
}
