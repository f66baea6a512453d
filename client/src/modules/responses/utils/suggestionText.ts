import type { ResponseHazard, ResponseLevel, SignalColour, SuggestionBasis } from '@sanfang/shared';
import type { TFunction } from 'i18next';
import { zhCN } from '../../../i18n/zh-CN';

type KnownHazard = keyof typeof zhCN.warnings.hazards;
const isKnownHazard = (h: string): h is KnownHazard => Object.hasOwn(zhCN.warnings.hazards, h);

/** A warning hazard's name; a hazard no catalogue knows (a feed's own code) stays as sent. */
export function hazardName(t: TFunction, hazard: string): string {
  return isKnownHazard(hazard) ? t(`warnings.hazards.${hazard}`) : hazard;
}

/** "暴雨黄色预警" / "Rainstorm yellow warning". */
export function warningName(t: TFunction, hazard: string, colour: SignalColour | null): string {
  return t('suggestionBasis.warning', {
    hazard: hazardName(t, hazard),
    colour: colour ? t(`warnings.colours.${colour}`) : '',
  }).trim();
}

/**
 * Why a response was suggested, in the reader's language, from the suggestion's basis; the
 * server's English `reason` only for suggestions recorded before the basis was kept.
 */
export function suggestionText(
  t: TFunction,
  s: {
    hazard: ResponseHazard;
    level: ResponseLevel | null;
    reason: string;
    basis?: SuggestionBasis | null;
  },
): string {
  const b = s.basis;
  if (!b) return s.reason;
  const warning = warningName(t, b.warningHazard, b.warningColour);
  const headline = b.headline || warning;
  if (!s.level || !b.rule)
    return t('suggestionBasis.standDown', { headline, hazard: t(`ackHazards.${s.hazard}`) });
  return t(`suggestionBasis.${b.change}`, {
    headline,
    warning,
    response: t('suggestionBasis.response', {
      hazard: t(`ackHazards.${s.hazard}`),
      level: t(`ackLevels.${s.level}`),
    }),
    rule: warningName(t, b.rule.hazard, b.rule.colour),
  });
}
