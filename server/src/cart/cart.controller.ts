import { Body, Controller, Delete, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { CartItemAddRequest, CartItemIdParam, CartItemUpdateRequest } from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CartService } from './cart.service';

/** The shopper's own cart; every route answers with the whole cart (lines and badge count). */
@Controller('api/v1/cart')
export class CartController {
  constructor(@Inject(CartService) private readonly cart: CartService) {}

  @Get()
  view(@CurrentUser() caller: Caller) {
    return this.cart.viewCart(caller.userId);
  }

  @Post('items')
  add(@CurrentUser() caller: Caller, @Body(zod(CartItemAddRequest)) body: CartItemAddRequest) {
    return this.cart.addItem(caller.userId, body);
  }

  @Patch('items/:id')
  change(
    @CurrentUser() caller: Caller,
    @Param(zod(CartItemIdParam)) params: CartItemIdParam,
    @Body(zod(CartItemUpdateRequest)) body: CartItemUpdateRequest,
  ) {
    return this.cart.changeQuantity(caller.userId, params.id, body.quantity);
  }

  @Delete('items/:id')
  remove(@CurrentUser() caller: Caller, @Param(zod(CartItemIdParam)) params: CartItemIdParam) {
    return this.cart.removeItem(caller.userId, params.id);
  }
}
