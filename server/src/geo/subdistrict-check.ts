import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { GeoRepository } from './geo.repository';

/** The one check that subdistrict codes in a request exist: a 400 naming the unknown ones. */
@Injectable()
export class SubdistrictCheck {
  constructor(private readonly repo: GeoRepository) {}

  async assertKnown(codes: string[], path: string, m?: EntityManager): Promise<void> {
    const unknown = await this.repo.unknownSubdistricts(codes, m);
    if (unknown.length > 0) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        `Unknown subdistrict code: ${unknown.join(', ')}`,
        path,
      );
    }
  }
}
