import type { ShelterEventPayload } from '@sanfang/shared';
import type { Shelter } from '../entities/shelter.entity';

export const shelterPayload = (
  s: Shelter,
  by: string,
  reason: string | null,
  override = false,
): ShelterEventPayload => ({
  shelterId: s.id,
  subdistrictCode: s.subdistrictCode,
  status: s.status,
  occupancy: s.occupancy,
  capacity: s.capacity,
  occupancyDay: s.occupancyDay,
  occupancyNight: s.occupancyNight,
  by,
  reason,
  override,
});
