import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  resourceManagementRoutes as routes,
  type CreateShelter,
  type CreateStockItem,
  type CreateTeam,
  type CreateWarehouse,
  type ResourceChangePayload,
  type RouteHandlers,
  type UpdateShelter,
  type UpdateStockItem,
  type UpdateTeam,
  type UpdateWarehouse,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { ManagementService } from './management.service';

type Change = Promise<ResourceChangePayload>;

/** Admin-only create / edit / retire of shelters, teams, warehouses and stock lines. */
@ApiTags('resource management')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class ManagementController implements RouteHandlers<typeof routes> {
  constructor(private readonly m: ManagementService) {}

  @Route(routes.createShelter)
  createShelter(
    @CurrentUser() u: AuthUser,
    @Body(new ZodPipe(routes.createShelter.body)) b: CreateShelter,
  ): Change {
    return this.m.createShelter(u, b);
  }

  @Route(routes.updateShelter)
  updateShelter(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(routes.updateShelter.body)) b: UpdateShelter,
  ): Change {
    return this.m.updateShelter(u, id, b);
  }

  @Route(routes.retireShelter)
  retireShelter(@CurrentUser() u: AuthUser, @Param('id', UuidPipe) id: string): Change {
    return this.m.retireShelter(u, id);
  }

  @Route(routes.createTeam)
  createTeam(
    @CurrentUser() u: AuthUser,
    @Body(new ZodPipe(routes.createTeam.body)) b: CreateTeam,
  ): Change {
    return this.m.createTeam(u, b);
  }

  @Route(routes.updateTeam)
  updateTeam(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(routes.updateTeam.body)) b: UpdateTeam,
  ): Change {
    return this.m.updateTeam(u, id, b);
  }

  @Route(routes.retireTeam)
  retireTeam(@CurrentUser() u: AuthUser, @Param('id', UuidPipe) id: string): Change {
    return this.m.retireTeam(u, id);
  }

  @Route(routes.createWarehouse)
  createWarehouse(
    @CurrentUser() u: AuthUser,
    @Body(new ZodPipe(routes.createWarehouse.body)) b: CreateWarehouse,
  ): Change {
    return this.m.createWarehouse(u, b);
  }

  @Route(routes.updateWarehouse)
  updateWarehouse(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(routes.updateWarehouse.body)) b: UpdateWarehouse,
  ): Change {
    return this.m.updateWarehouse(u, id, b);
  }

  @Route(routes.retireWarehouse)
  retireWarehouse(@CurrentUser() u: AuthUser, @Param('id', UuidPipe) id: string): Change {
    return this.m.retireWarehouse(u, id);
  }

  @Route(routes.addItem)
  addItem(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(routes.addItem.body)) b: CreateStockItem,
  ): Change {
    return this.m.addItem(u, id, b);
  }

  @Route(routes.updateItem)
  updateItem(
    @CurrentUser() u: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('sku') sku: string,
    @Body(new ZodPipe(routes.updateItem.body)) b: UpdateStockItem,
  ): Change {
    return this.m.updateItem(u, id, sku, b);
  }
}
