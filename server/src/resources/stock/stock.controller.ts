import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  stockMovementSchema,
  stockNearestQuerySchema,
  type StockMovementDto,
  type StockMovementRequest,
  type StockNearestQuery,
  type StockNearestResult,
} from '@sanfang/shared';
import { z } from 'zod';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { StockService } from './stock.service';

const movementsQuery = z.object({ sku: z.string().trim().min(1).max(32).optional() });

@ApiTags('warehouses')
@ApiBearerAuth()
@Controller()
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Post('warehouses/:id/movements')
  @Roles('duty_officer', 'commander', 'admin')
  move(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(stockMovementSchema)) body: StockMovementRequest,
  ): Promise<StockMovementDto> {
    return this.stock.move(id, user.username, body);
  }

  @Get('warehouses/:id/movements')
  @Roles(...CONSOLE_ROLES)
  movements(
    @Param('id', UuidPipe) id: string,
    @Query(new ZodPipe(movementsQuery, 'query')) q: z.infer<typeof movementsQuery>,
  ): Promise<StockMovementDto[]> {
    return this.stock.movements(id, q.sku);
  }

  @Get('stock/nearest')
  @Roles(...CONSOLE_ROLES)
  nearest(
    @Query(new ZodPipe(stockNearestQuerySchema, 'query')) q: StockNearestQuery,
  ): Promise<StockNearestResult> {
    return this.stock.nearest(q);
  }
}
