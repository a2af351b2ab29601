import { Module } from '@nestjs/common';
import { AdminProductController } from './admin-catalog.controller';
import { AdminCatalogRepository } from './admin-catalog.repository';
import { AdminCatalogService } from './admin-catalog.service';
import { CatalogCache } from './catalog-cache';
import { AdminCatalogController, CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { InventoryRepository } from './inventory.repository';
import { StockGate } from './stock-gate';
import { ShippingTemplateRepository } from './shipping-template.repository';

@Module({
  controllers: [CatalogController, AdminCatalogController, AdminProductController],
  providers: [
    CatalogService,
    CatalogCache,
    CatalogRepository,
    InventoryRepository,
    StockGate,
    AdminCatalogService,
    AdminCatalogRepository,
    ShippingTemplateRepository,
  ],
  exports: [InventoryRepository, StockGate, ShippingTemplateRepository],
})
export class CatalogModule {}
