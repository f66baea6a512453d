import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

/** Limits sign-in attempts per client address and username together. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Request): Promise<string> {
    const body: unknown = req.body;
    const username =
      typeof body === 'object' && body !== null && 'username' in body
        ? String(body.username).toLowerCase()
        : '';
    return Promise.resolve(`${req.ip ?? 'unknown'}|${username}`);
  }
}
