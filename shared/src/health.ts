export type ComponentStatus = 'up' | 'down' | 'disabled';
export interface HealthDto {
  status: 'ok' | 'degraded';
  database: {
    /** recovering: the embedded server this console owns died and is being restarted. */
    status: 'up' | 'down' | 'recovering';
    engine: 'embedded' | 'external';
    latencyMs: number | null;
    /** When the console first saw the current status (ISO time). */
    since: string;
    /** Times the console has restarted its embedded server since it started. */
    restarts: number;
  };
  /** Redis adapter for socket.io across instances; 'disabled' on a single instance. */
  live: { adapter: ComponentStatus };
  /** Durable timers (pg-boss): deadlines fire only while this is up. */
  timers: { status: ComponentStatus };
  version: string;
  uptimeS: number;
}
