import type { SubdistrictCollection } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/useLanguage';
import { subdistrictName } from '../../map/utils/subdistrictName';

/** Subdistrict codes as names ("新安、西乡"); none means the whole district. */
export function useAreaLabel(subdistricts: SubdistrictCollection | null) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (codes: string[]) =>
    codes.length === 0
      ? t('warnings.districtWide')
      : codes
          .map((c) => (subdistricts && subdistrictName(subdistricts, c, language)) ?? c)
          .join('、');
}
