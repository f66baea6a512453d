import type { IncidentStatus, IncidentType } from '@sanfang/shared';

/** Chinese labels for the duty log and printed reports (the console uses its own i18n). */
export const TYPE_NAMES: Record<IncidentType, string> = {
  waterlogging: '内涝积水',
  ground_collapse: '地面塌陷',
  fire: '火灾',
  forest_fire: '森林火灾',
  traffic: '交通事故',
  production_safety: '生产安全事故',
  building: '房屋建筑险情',
  other: '其他',
};

export const STATUS_NAMES: Record<IncidentStatus, string> = {
  reported: '已接报',
  verified: '已核实',
  responding: '处置中',
  resolved: '已处置',
  closed: '已结案',
};
