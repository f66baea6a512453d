export type ComponentStatus = 'up' | 'down' | 'disabled';
export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { status: ComponentStatus; engine: 'embedded' | 'external'; latencyMs: number | null };
  version: string;
  uptimeS: number;
}
