import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureKind } from '../layers/layerGroups';

interface DetailsPanelProps {
  kind: FeatureKind;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** The side panel a clicked map feature opens: its kind, its name, a close button. */
export function DetailsPanel({ kind, title, onClose, children }: DetailsPanelProps) {
  const { t } = useTranslation();
  return (
    <aside
      className="details-panel"
      aria-labelledby="details-title"
      data-testid="details-panel"
      data-kind={kind}
    >
      <header className="details-panel__header">
        <span className="details-panel__kind">{t(`featureKinds.${kind}`)}</span>
        <button
          className="button button--icon"
          type="button"
          onClick={onClose}
          aria-label={t('details.close')}
        >
          ×
        </button>
      </header>
      <h2 id="details-title">{title}</h2>
      {children}
    </aside>
  );
}
