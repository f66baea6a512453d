import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../../common/api-exception';

export const conflict = (message: string, path?: string): ApiException =>
  new ApiException(HttpStatus.CONFLICT, 'CONFLICT', message, path);

export const badRequest = (message: string, path?: string): ApiException =>
  new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, path);
