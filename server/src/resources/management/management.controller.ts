import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createShelterSchema,
  createStockItemSchema,
  createTeamSchema,
  createWarehouseSchema,
  updateShelterSchema,
  updateStockItemSchema,
  updateTeamSchema,
  updateWarehouseSchema,
  type CreateShelter,
  type CreateStockItem,
  type CreateTeam,
  type CreateWarehouse,
  type ResourceChangePayload,
  type UpdateShelter,
  type UpdateStockItem,
  type UpdateTeam,
  type UpdateWarehouse,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { ManagementService } from './management.service';

type Change = Promise<ResourceChangePayload>;

/** Admin-only create / edit / retire of shelters, teams, warehouses and stock lines. */
@ApiTags('resource management')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class ManagementController {
  constructor(private readonly m: ManagementService) {}

  @Post('shelters')
  createShelter(
    @CurrentUser() u: AuthUser,
    @Body(new ZodPipe(createShelterSchema)) b: CreateShelter,
  ): Change {
    return this.m.createShelter(u, b);
  }

  @Patch('shelters/:id')
  updateShelter(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(updateShelterSchema)) b: UpdateShelter,
  ): Change {
    return this.m.updateShelter(u, id, b);
  }

  @Delete('shelters/:id')
  retireShelter(@CurrentUser() u: AuthUser, @Param('id', UuidPipe) id: string): Change {
    return this.m.retireShelter(u, id);
  }

  @Post('rescue-teams')
  createTeam(
    @CurrentUser() u: AuthUser,
    @Body(new ZodPipe(createTeamSchema)) b: CreateTeam,
  ): Change {
    return this.m.createTeam(u, b);
  }

  @Patch('rescue-teams/:id')
  updateTeam(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(updateTeamSchema)) b: UpdateTeam,
  ): Change {
    return this.m.updateTeam(u, id, b);
  }

  @Delete('rescue-teams/:id')
  retireTeam(@CurrentUser() u: AuthUser, @Param('id', UuidPipe) id: string): Change {
    return this.m.retireTeam(u, id);
  }

  @Post('warehouses')
  createWarehouse(
    @CurrentUser() u: AuthUser,
    @Body(new ZodPipe(createWarehouseSchema)) b: CreateWarehouse,
  ): Change {
    return this.m.createWarehouse(u, b);
  }

  @Patch('warehouses/:id')
  updateWarehouse(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(updateWarehouseSchema)) b: UpdateWarehouse,
  ): Change {
    return this.m.updateWarehouse(u, id, b);
  }

  @Delete('warehouses/:id')
  retireWarehouse(@CurrentUser() u: AuthUser, @Param('id', UuidPipe) id: string): Change {
    return this.m.retireWarehouse(u, id);
  }

  @Post('warehouses/:id/items')
  addItem(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(createStockItemSchema)) b: CreateStockItem,
  ): Change {
    return this.m.addItem(u, id, b);
  }

  @Patch('warehouses/:id/items/:sku')
  updateItem(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('sku') sku: string,
    @Body(new ZodPipe(updateStockItemSchema)) b: UpdateStockItem,
  ): Change {
    return this.m.updateItem(u, id, sku, b);
  }
}
