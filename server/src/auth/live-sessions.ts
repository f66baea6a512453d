import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

/** Every socket of a user, and of one token, is in these rooms (joined at the handshake). */
export const userRoom = (userId: string): string => `user:${userId}`;
export const sessionRoom = (jti: string): string => `session:${jti}`;

/**
 * Closes live sockets when sessions end. `disconnectSockets` on a room goes through the
 * socket.io adapter, so with REDIS_URL the sockets on every instance close, not only here.
 */
@Injectable()
export class LiveSessions {
  private server: Server | null = null;

  attach(server: Server): void {
    this.server = server;
  }

  endUser(userId: string): void {
    this.server?.in(userRoom(userId)).disconnectSockets(true);
  }

  endSession(jti: string): void {
    this.server?.in(sessionRoom(jti)).disconnectSockets(true);
  }
}
