/** Reference points (loaded once, kept live by resource events) a user can click. */
export type ReferenceKind = 'waterlogging' | 'shelter' | 'team' | 'warehouse';
/** Everything a user can click for details: reference points, incidents, warning areas. */
export type FeatureKind = ReferenceKind | 'incident' | 'warning';
