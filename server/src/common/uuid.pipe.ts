import { HttpStatus, type PipeTransform } from '@nestjs/common';
import { ApiException } from './api-exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route id must be a UUID: anything else is a clear 400, not a database error. */
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (UUID.test(value)) return value.toLowerCase();
    throw new ApiException(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      'params.id: must be a UUID',
      'params.id',
    );
  }
}
