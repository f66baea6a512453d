import type { AuthUser } from '../auth/auth.types';
import type { CommittedEvent } from './event-log';
import type { Viewer } from './events.repository';

/**
 * Rooms are identities: every console user is in `console`; unbound console users also in
 * `district`, subdistrict-bound ones in `sd:<code>`; a contact only in `contact:<id>`.
 */
export const ROOM_CONSOLE = 'console';
export const ROOM_DISTRICT = 'district';
export const sdRoom = (code: string): string => `sd:${code}`;
export const contactRoom = (id: string): string => `contact:${id}`;
/** Every contact's socket: kept out of the head beacon and the accounted markers (global seqs). */
export const ROOM_CONTACTS = 'contacts';

export function roomsOf(user: AuthUser): string[] {
  if (user.role === 'contact') {
    return user.contactId ? [contactRoom(user.contactId), ROOM_CONTACTS] : [];
  }
  return user.subdistrictCode
    ? [ROOM_CONSOLE, sdRoom(user.subdistrictCode)]
    : [ROOM_CONSOLE, ROOM_DISTRICT];
}

export function viewerOf(user: AuthUser): Viewer | null {
  if (user.role === 'contact') {
    return user.contactId ? { kind: 'contact', contactId: user.contactId } : null;
  }
  return user.subdistrictCode
    ? { kind: 'subdistrict', code: user.subdistrictCode }
    : { kind: 'district' };
}

/** The rooms that may see an event; the same rule as EventsRepository's visibility SQL. */
export function roomsFor(e: Pick<CommittedEvent, 'subdistrictCodes' | 'contactIds'>): string[] {
  const consoleRooms =
    e.subdistrictCodes.length === 0
      ? [ROOM_CONSOLE]
      : [ROOM_DISTRICT, ...e.subdistrictCodes.map(sdRoom)];
  return [...consoleRooms, ...e.contactIds.map(contactRoom)];
}
