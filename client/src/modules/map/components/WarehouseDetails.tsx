import { useTranslation } from 'react-i18next';
import type { WarehouseProps } from '@sanfang/shared';

interface WarehouseDetailsProps {
  warehouse: WarehouseProps;
}

export function WarehouseDetails({ warehouse }: WarehouseDetailsProps) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('details.items')}</h3>
      {warehouse.items.length === 0 ? (
        <p className="details-panel__empty">{t('details.noItems')}</p>
      ) : (
        <ul className="stock-list">
          {warehouse.items.map((item) => {
            const low = item.quantity < item.lowStockThreshold;
            return (
              <li key={item.sku} className={low ? 'stock-list__item--low' : undefined}>
                <span>{item.name}</span>
                <span>{t('details.quantity', { quantity: item.quantity, unit: item.unit })}</span>
                {low && <span className="stock-list__flag">{t('details.lowStock')}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
