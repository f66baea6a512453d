import { type ArgumentMetadata, HttpStatus, type PipeTransform } from '@nestjs/common';
import { ApiException } from './api-exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in any case (what a route id must be). */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * The one route-id check: `@Param('id', UuidPipe)`. Anything but a UUID is a clear 400 whose
 * `path` names the parameter (`params.id`, `params.dutyId`), not a database error; the id is
 * passed on in lower case.
 */
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata?: ArgumentMetadata): string {
    if (isUuid(value)) return value.toLowerCase();
    const path = `params.${metadata?.data ?? 'id'}`;
    throw new ApiException(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      `${path}: must be a UUID`,
      path,
    );
  }
}
