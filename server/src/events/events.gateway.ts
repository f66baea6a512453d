import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { handshakeSchema, SOCKET_PATH, type ServerToClient } from '@sanfang/shared';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth.types';
import { AuthService } from '../auth/auth.service';
import { LiveSessions, sessionRoom, userRoom } from '../auth/live-sessions';
import { EventsPublisher, type LiveServer, toEnvelope } from './events.publisher';
import { EventsRepository } from './events.repository';
import { LIVE } from './live.config';
import { observe, provideReading } from '../core/observe';
import { ROOM_CONTACTS, roomsOf, viewerOf } from './rooms';

type LiveSocket = Socket<
  Record<string, never>,
  ServerToClient,
  Record<string, never>,
  { user: AuthUser; lastSeq?: number }
>;

/** engine.io keeps packets it could not yet write in `writeBuffer` (not in its typings). */
function queuedPackets(socket: { conn: unknown }): number {
  const buf = (socket.conn as { writeBuffer?: unknown[] }).writeBuffer;
  return Array.isArray(buf) ? buf.length : 0;
}

class HandshakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * socket.io at /api/socket.io. Authenticates in the handshake (a refused socket never joins
 * a room), joins identity rooms, replays the log after `lastSeq`, then live events follow.
 */
@WebSocketGateway({
  path: SOCKET_PATH,
  serveClient: false,
  maxHttpBufferSize: LIVE.maxHttpBufferSize,
  pingInterval: LIVE.pingIntervalMs,
  pingTimeout: LIVE.pingTimeoutMs,
  cors: false,
})
export class EventsGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly log = new Logger('Live');
  private server!: LiveServer;
  private timer: NodeJS.Timeout | null = null;
  private lastBeacon = { seq: -1, at: 0 };
  // A cut socket may take a moment to close; count and close it once.
  private readonly cut = new WeakSet<object>();

  constructor(
    private readonly auth: AuthService,
    private readonly repo: EventsRepository,
    private readonly publisher: EventsPublisher,
    private readonly sessions: LiveSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: LiveServer): void {
    this.server = server;
    this.publisher.attach(server);
    this.sessions.attach(server);
    provideReading('liveConnections', () => server.of('/').sockets.size);
    server.use((socket, next) => {
      this.authenticate(socket as LiveSocket).then(
        () => next(),
        (e: unknown) => {
          const err =
            e instanceof HandshakeError
              ? e
              : new HandshakeError('AUTH_TOKEN_INVALID', 'Sign-in required');
          next(
            Object.assign(new Error(err.message), {
              data: { code: err.code, message: err.message },
            }),
          );
        },
      );
    });
    this.timer = setInterval(() => void this.sweep(), LIVE.sweepMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * SIGTERM: refuse new live connections here and close the open ones at the transport.
   * Clients take that as a lost connection (socket.io reason "transport close") and
   * reconnect by themselves, through the proxy to another instance, resuming from their
   * lastSeq; a handshake that still reaches this one is refused and retried. Returns how
   * many were told.
   */
  closeForRestart(): number {
    const engine = this.server.engine as unknown as {
      opts: { allowRequest?: (req: unknown, cb: (err: string, ok: boolean) => void) => void };
      clients: Record<string, { close(): void }>;
    };
    engine.opts.allowRequest = (_req, cb) => cb('This instance is shutting down', false);
    const open = Object.values(engine.clients);
    for (const c of open) c.close();
    return open.length;
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const user = socket.data.user;
    // Unknown events from a client are refused and the socket closed; nothing else is affected.
    socket.onAny((event: unknown) => {
      socket.emit('rejected', {
        code: 'UNKNOWN_EVENT',
        message: `Unknown event: ${String(event).slice(0, 64)}`,
      });
      socket.disconnect(true);
    });
    // Join before replaying: an event committed meanwhile arrives live or in the replay
    // (or both); the client's sequencer drops the duplicate.
    // The user's and the token's own rooms: ending a session closes exactly its sockets.
    await socket.join([
      ...roomsOf(user),
      userRoom(user.id),
      ...(user.session ? [sessionRoom(user.session.jti)] : []),
    ]);
    try {
      const lastSeq =
        socket.data.lastSeq === undefined
          ? await this.repo.headFor(viewerOf(user))
          : await this.replay(socket, socket.data.lastSeq);
      socket.emit('resumed', { lastSeq });
    } catch (e) {
      this.log.warn(`replay for ${user.username} failed: ${String(e)}`);
      socket.emit('rejected', {
        code: 'SERVICE_UNAVAILABLE',
        message: 'Could not replay the event log; reconnect',
      });
      socket.disconnect(true);
    }
  }

  private async authenticate(socket: LiveSocket): Promise<void> {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HandshakeError(
        'HANDSHAKE_INVALID',
        `auth.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const user = await this.auth.verifyBearer(parsed.data.token).catch(() => {
      throw new HandshakeError('AUTH_TOKEN_INVALID', 'The token is malformed, forged or expired');
    });
    if (!viewerOf(user))
      throw new HandshakeError('AUTH_FORBIDDEN', 'This account has no live view');
    socket.data.user = user;
    socket.data.lastSeq = parsed.data.lastSeq;
  }

  private async replay(socket: LiveSocket, after: number): Promise<number> {
    const viewer = viewerOf(socket.data.user);
    if (!viewer) return after;
    let cursor = after;
    for (;;) {
      const page = await this.repo.page(viewer, cursor, LIVE.replayPage);
      for (const e of page.events) socket.emit('event', toEnvelope(e));
      cursor = page.lastSeq;
      if (page.events.length < LIVE.replayPage || !socket.connected) return cursor;
    }
  }

  /** Cuts off sockets that stopped reading, and beacons the head to this instance's sockets. */
  private async sweep(): Promise<void> {
    for (const socket of this.server.of('/').sockets.values()) {
      const queued = queuedPackets(socket);
      if (queued > this.config.liveMaxBufferedPackets && !this.cut.has(socket.conn)) {
        this.cut.add(socket.conn);
        this.log.warn(`cutting off ${socket.id}: ${queued} packets unread`);
        observe('liveSlowClientCut');
        socket.conn.close();
      }
    }
    const now = Date.now();
    const head = await this.repo.head().catch(() => null);
    if (head === null) return;
    const due = now - this.lastBeacon.at >= LIVE.beaconEveryMs;
    if (!due && this.publisher.deliveredLocally(this.lastBeacon.seq, head)) {
      // Every new seq went out from here: a beacon would be one more broadcast to every
      // socket each second of a busy night, telling them nothing.
      this.lastBeacon.seq = head;
      return;
    }
    if (head !== this.lastBeacon.seq || due) {
      this.lastBeacon = { seq: head, at: now };
      this.server.local.except(ROOM_CONTACTS).emit('head', { seq: head });
    }
  }
}
