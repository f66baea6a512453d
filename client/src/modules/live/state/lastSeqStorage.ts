/** lastSeq survives page reloads, per user (another user on this desk starts afresh). */
const key = (userId: string): string => `sanfang.lastSeq.${userId}`;

export function loadLastSeq(userId: string, storage: Storage = localStorage): number | undefined {
  const raw = storage.getItem(key(userId));
  if (raw === null || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

export function saveLastSeq(userId: string, seq: number, storage: Storage = localStorage): void {
  storage.setItem(key(userId), String(seq));
}
