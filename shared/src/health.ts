export type ComponentStatus = 'up' | 'down' | 'disabled';
export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { status: ComponentStatus; engine: 'embedded' | 'external'; latencyMs: number | null };
  /** Redis adapter for socket.io across instances; 'disabled' on a single instance. */
  live: { adapter: ComponentStatus };
  /** Durable timers (pg-boss): deadlines fire only while this is up. */
  timers: { status: ComponentStatus };
  version: string;
  uptimeS: number;
}
