import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  AdminIdParam,
  ProductCreateRequest,
  ProductUpdateRequest,
  ShelfRequest,
  ShippingTemplatePutRequest,
  SkuCreateRequest,
  SkuUpdateRequest,
  StockAdjustmentQuery,
  StockAdjustmentRequest,
} from '@weshop/shared';
import { CurrentUser, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { AdminCatalogService } from './admin-catalog.service';

/** The merchant's catalog administration (the list of products stays in catalog.controller.ts). */
@Roles('ADMIN')
@Controller('api/v1/admin')
export class AdminProductController {
  constructor(@Inject(AdminCatalogService) private readonly admin: AdminCatalogService) {}

  @Post('products')
  createProduct(@Body(zod(ProductCreateRequest)) body: ProductCreateRequest) {
    return this.admin.createProduct(body);
  }

  @Get('products/:id')
  product(@Param(zod(AdminIdParam)) params: AdminIdParam) {
    return this.admin.productView(params.id);
  }

  @Patch('products/:id')
  updateProduct(
    @Param(zod(AdminIdParam)) params: AdminIdParam,
    @Body(zod(ProductUpdateRequest)) body: ProductUpdateRequest,
  ) {
    return this.admin.updateProduct(params.id, body);
  }

  @Post('products/:id/skus')
  addSku(@Param(zod(AdminIdParam)) params: AdminIdParam, @Body(zod(SkuCreateRequest)) body: SkuCreateRequest) {
    return this.admin.addSku(params.id, body);
  }

  @Post('products/:id/shelf')
  @HttpCode(200)
  shelf(@Param(zod(AdminIdParam)) params: AdminIdParam, @Body(zod(ShelfRequest)) body: ShelfRequest) {
    return this.admin.setShelf(params.id, body.onShelf);
  }

  @Patch('skus/:id')
  updateSku(@Param(zod(AdminIdParam)) params: AdminIdParam, @Body(zod(SkuUpdateRequest)) body: SkuUpdateRequest) {
    return this.admin.updateSku(params.id, body);
  }

  @Post('skus/:id/stock-adjustments')
  adjustStock(
    @CurrentUser() caller: Caller,
    @Param(zod(AdminIdParam)) params: AdminIdParam,
    @Body(zod(StockAdjustmentRequest)) body: StockAdjustmentRequest,
  ) {
    return this.admin.adjustStock(params.id, caller.userId, body);
  }

  @Get('skus/:id/stock-adjustments')
  stockAdjustments(
    @Param(zod(AdminIdParam)) params: AdminIdParam,
    @Query(zod(StockAdjustmentQuery)) query: StockAdjustmentQuery,
  ) {
    return this.admin.stockAdjustments(params.id, query);
  }

  @Get('shipping-template')
  shippingTemplate() {
    return this.admin.shippingTemplate();
  }

  @Put('shipping-template')
  putShippingTemplate(@Body(zod(ShippingTemplatePutRequest)) body: ShippingTemplatePutRequest) {
    return this.admin.putShippingTemplate(body);
  }
}
