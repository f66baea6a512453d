export * from './route';
export * from './warnings';
export * from './responses';
export * from './dispatch';
export * from './incidents';
export * from './reference';
export * from './auth';
export * from './client-config';
