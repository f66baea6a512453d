/** Facts about this process decided before Nest boots (which database, which key). */
export interface Runtime {
  databaseUrl: string;
  engine: 'embedded' | 'external';
  jwtSecret: string;
  startedAt: Date;
}
export const RUNTIME = Symbol('RUNTIME');
