import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { readResourceSettings } from '../../core/settings/resource-settings';
import { RescueTeam } from '../entities/rescue-team.entity';
import { Shelter } from '../entities/shelter.entity';
import { Warehouse } from '../entities/warehouse.entity';

/** The resource map layers' reads; retired rows are left out. */
@Injectable()
export class ResourceLayersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  shelters(): Promise<Shelter[]> {
    return this.ds
      .getRepository(Shelter)
      .find({ where: { retiredAt: IsNull() }, order: { code: 'ASC' } });
  }

  rescueTeams(): Promise<RescueTeam[]> {
    return this.ds
      .getRepository(RescueTeam)
      .find({ where: { retiredAt: IsNull() }, order: { code: 'ASC' } });
  }

  warehouses(): Promise<Warehouse[]> {
    return this.ds.getRepository(Warehouse).find({
      where: { retiredAt: IsNull() },
      relations: { items: true },
      order: { code: 'ASC', items: { sku: 'ASC' } },
    });
  }

  async positionStaleAfterS(): Promise<number> {
    return (await readResourceSettings(this.ds.manager)).positionStaleAfterS;
  }
}
