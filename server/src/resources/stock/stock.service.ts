import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  StockMovementDto,
  StockMovementRequest,
  StockNearestQuery,
  StockNearestResult,
} from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception';
import { EventLog } from '../../events/event-log.service';
import { StockRepository } from './stock.repository';

/** Low when below the threshold; a threshold of 0 never alarms. */
const isLow = (quantity: number, threshold: number): boolean => quantity < threshold;

@Injectable()
export class StockService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
    private readonly repo: StockRepository,
  ) {}

  move(warehouseId: string, by: string, body: StockMovementRequest): Promise<StockMovementDto> {
    const delta = body.kind === 'issue' ? -body.quantity : body.quantity;
    return this.events.write(by, async (tx) => {
      const a = await this.repo.apply(tx.manager, warehouseId, body.sku, delta);
      if (!a) {
        const item = await this.repo.item(tx.manager, warehouseId, body.sku);
        if (item === 'no-warehouse') throw notFound('Warehouse');
        if (item === null) throw notFound(`Stock item ${body.sku} in this warehouse`);
        throw new ApiException(
          HttpStatus.CONFLICT,
          'STOCK_INSUFFICIENT',
          `Only ${item.quantity} ${body.sku} in stock; cannot issue ${body.quantity}`,
          'body.quantity',
        );
      }
      const movement = await this.repo.record(tx.manager, {
        stockItemId: a.itemId,
        warehouseId,
        sku: body.sku,
        kind: body.kind,
        quantity: body.quantity,
        balanceAfter: a.after,
        reason: body.reason,
        actor: by,
      });
      const scope = { subdistrictCodes: [a.subdistrictCode] };
      tx.emit(
        'stock.moved',
        {
          movementId: movement.id,
          warehouseId,
          subdistrictCode: a.subdistrictCode,
          sku: body.sku,
          kind: body.kind,
          quantity: body.quantity,
          balanceAfter: a.after,
        },
        scope,
      );
      const wasLow = isLow(a.before, a.lowStockThreshold);
      const nowLow = isLow(a.after, a.lowStockThreshold);
      if (wasLow !== nowLow) {
        tx.emit(
          nowLow ? 'stock.low' : 'stock.restored',
          {
            warehouseId,
            subdistrictCode: a.subdistrictCode,
            sku: body.sku,
            name: a.name,
            quantity: a.after,
            lowStockThreshold: a.lowStockThreshold,
          },
          scope,
        );
      }
      return movement;
    });
  }

  async movements(warehouseId: string, sku: string | undefined): Promise<StockMovementDto[]> {
    const item = await this.repo.item(this.ds.manager, warehouseId, sku ?? '');
    if (item === 'no-warehouse') throw notFound('Warehouse');
    return this.repo.movements(this.ds.manager, warehouseId, sku, 500);
  }

  async nearest(q: StockNearestQuery): Promise<StockNearestResult> {
    const warehouses = await this.repo.nearest(this.ds.manager, q.sku, q.lon, q.lat, q.need);
    const found = warehouses.at(-1)?.cumulative ?? 0;
    return { sku: q.sku, need: q.need, found, satisfied: found >= q.need, warehouses };
  }
}
