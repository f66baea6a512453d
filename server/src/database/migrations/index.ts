import { Init1795924555412 } from './1795924555412-Init';

/** Every committed migration, oldest first. Never edit one that has been merged. */
export const MIGRATIONS = [Init1795924555412];
