import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  stockRoutes,
  type RouteHandlers,
  type StockMovementDto,
  type StockMovementRequest,
  type StockMovementsQuery,
  type StockNearestQuery,
  type StockNearestResult,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { StockService } from './stock.service';

@ApiTags('warehouses')
@ApiBearerAuth()
@Controller()
export class StockController implements RouteHandlers<typeof stockRoutes> {
  constructor(private readonly stock: StockService) {}

  @Route(stockRoutes.move)
  @Roles('duty_officer', 'commander', 'admin')
  move(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(stockRoutes.move.body)) body: StockMovementRequest,
  ): Promise<StockMovementDto> {
    return this.stock.move(id, user.username, body);
  }

  @Route(stockRoutes.movements)
  @Roles(...CONSOLE_ROLES)
  movements(
    @Param('id', UuidPipe) id: string,
    @Query(new ZodPipe(stockRoutes.movements.query, 'query')) q: StockMovementsQuery,
  ): Promise<StockMovementDto[]> {
    return this.stock.movements(id, q.sku);
  }

  @Route(stockRoutes.nearest)
  @Roles(...CONSOLE_ROLES)
  nearest(
    @Query(new ZodPipe(stockRoutes.nearest.query, 'query')) q: StockNearestQuery,
  ): Promise<StockNearestResult> {
    return this.stock.nearest(q);
  }
}
