export * from './auth';
export * from './errors';
export * from './geo';
export * from './health';
export * from './reference';
export * from './roles';
