import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ProductIdParam, ProductListQuery } from '@weshop/shared';
import { Public, Roles } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CatalogService } from './catalog.service';

@Public()
@Controller('api/v1')
export class CatalogController {
  constructor(@Inject(CatalogService) private readonly catalog: CatalogService) {}

  @Get('categories')
  categories() {
    return this.catalog.categoryTree();
  }

  @Get('products')
  products(@Query(zod(ProductListQuery)) query: ProductListQuery) {
    return this.catalog.listProducts(query);
  }

  @Get('products/:id')
  product(@Param(zod(ProductIdParam)) params: ProductIdParam) {
    return this.catalog.productDetail(params.id);
  }
}

/** The merchant's view of the catalog, off-shelf products included. */
@Roles('ADMIN')
@Controller('api/v1/admin')
export class AdminCatalogController {
  constructor(@Inject(CatalogService) private readonly catalog: CatalogService) {}

  @Get('products')
  products(@Query(zod(ProductListQuery)) query: ProductListQuery) {
    return this.catalog.listProducts(query, { includeOffShelf: true });
  }
}
