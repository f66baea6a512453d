import { featureContext } from '../../live/hooks/featureContext';
import type { ReferenceDataState } from './referenceDataState';

export interface ReferenceDataValue {
  state: ReferenceDataState;
  reload: () => void;
}

const reference = featureContext<ReferenceDataValue>('ReferenceDataProvider');

/**
 * The map's reference data (district, points, resources), kept live by the resources feature's
 * `ReferenceDataProvider`; declared here so the map and every feature above it can read it.
 */
export const ReferenceDataContext = reference.Context;
export const useReferenceData = reference.use;

/** The subdistricts once loaded (area names), else null. */
export const useSubdistricts = () => {
  const { state } = useReferenceData();
  return state.status === 'ready' ? state.data.subdistricts : null;
};
