export * from './route';
export * from './warnings';
