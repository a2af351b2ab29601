import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { AddressCreateRequest, AddressIdParam, AddressUpdateRequest } from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { AddressService } from './address.service';

/** The caller's own address book. */
@Controller('api/v1/addresses')
export class AddressController {
  constructor(@Inject(AddressService) private readonly addresses: AddressService) {}

  @Get()
  list(@CurrentUser() caller: Caller) {
    return this.addresses.listAddresses(caller.userId);
  }

  @Post()
  add(@CurrentUser() caller: Caller, @Body(zod(AddressCreateRequest)) body: AddressCreateRequest) {
    return this.addresses.addAddress(caller.userId, body);
  }

  @Patch(':id')
  change(
    @CurrentUser() caller: Caller,
    @Param(zod(AddressIdParam)) params: AddressIdParam,
    @Body(zod(AddressUpdateRequest)) body: AddressUpdateRequest,
  ) {
    return this.addresses.changeAddress(caller.userId, params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() caller: Caller, @Param(zod(AddressIdParam)) params: AddressIdParam) {
    await this.addresses.removeAddress(caller.userId, params.id);
  }
}
