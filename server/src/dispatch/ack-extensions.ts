import { Injectable } from '@nestjs/common';
import type { AckViewDto } from '@sanfang/shared';

/**
 * Other links behind the same signed ack page and SMS reply code: a feature on a higher floor
 * (the 叫应 calls) registers here, and the ack flow asks it about a token or code that is not
 * a dispatch's. Each returns null when the id or code is not its own.
 */
export interface AckHandler {
  view(id: string): Promise<AckViewDto | null>;
  answer(id: string, actor: string): Promise<AckViewDto | null>;
  /** An SMS reply `<code> A` from `phone` (normalised). */
  bySms(code: string, phone: string): Promise<AckViewDto | null>;
}

@Injectable()
export class AckExtensions {
  private readonly handlers: AckHandler[] = [];

  register(h: AckHandler): void {
    this.handlers.push(h);
  }

  async view(id: string): Promise<AckViewDto | null> {
    for (const h of this.handlers) {
      const v = await h.view(id);
      if (v) return v;
    }
    return null;
  }

  async answer(id: string, actor: string): Promise<AckViewDto | null> {
    for (const h of this.handlers) {
      const v = await h.answer(id, actor);
      if (v) return v;
    }
    return null;
  }

  async bySms(code: string, phone: string): Promise<AckViewDto | null> {
    for (const h of this.handlers) {
      const v = await h.bySms(code, phone);
      if (v) return v;
    }
    return null;
  }
}
