import type { ErrorCode } from '@sanfang/shared';

/** A rejected CAP message: a stable code, a message and where (e.g. alert.info[0].area[1]). */
export class CapError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    /** 400 for XML the parser must not see, 415 for an unknown encoding, 422 for XML that is not valid CAP. */
    readonly status: 400 | 415 | 422 = 422,
  ) {
    super(message);
  }
}
