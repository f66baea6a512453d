import { useTranslation } from 'react-i18next';

/** A table row's edit and delete buttons; delete asks first, naming the row. */
export function RowActions({
  name,
  onEdit,
  onDelete,
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  return (
    <td>
      <button type="button" className="button button--small" onClick={onEdit}>
        {t('adm.edit')}
      </button>{' '}
      <button
        type="button"
        className="button button--small button--danger"
        onClick={() => {
          if (window.confirm(t('adm.confirmDelete', { name }))) onDelete();
        }}
      >
        {t('adm.delete')}
      </button>
    </td>
  );
}
