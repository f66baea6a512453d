import { HttpStatus, type PipeTransform } from '@nestjs/common';
import { ApiException } from '../../common/api-exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `:id` route parameters are UUIDs; anything else is a clear 400, not a database error. */
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        'params.id: must be a UUID',
        'params.id',
      );
    }
    return value.toLowerCase();
  }
}
