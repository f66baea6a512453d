import type { SubdistrictCollection } from '@sanfang/shared';
import type { Language } from '../../../i18n';

/** Display name of a subdistrict code, or null if the code is not in the loaded set. */
export function subdistrictName(
  subdistricts: SubdistrictCollection,
  code: string,
  language: Language,
): string | null {
  const feature = subdistricts.features.find((f) => f.properties.code === code);
  if (!feature) return null;
  return language === 'en' ? feature.properties.nameEn : feature.properties.name;
}
