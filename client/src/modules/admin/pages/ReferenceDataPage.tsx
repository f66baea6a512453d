import {
  createShelterSchema,
  createStockItemSchema,
  createTeamSchema,
  createWarehouseSchema,
  referenceRoutes,
  resourceManagementRoutes,
  TEAM_KINDS,
  updateShelterSchema,
  updateStockItemSchema,
  updateTeamSchema,
  updateWarehouseSchema,
} from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { SchemaForm, type FieldSpec } from '../components/SchemaForm';
import { RowActions } from '../components/RowActions';

const KINDS = ['shelters', 'teams', 'warehouses', 'points'] as const;
type Kind = (typeof KINDS)[number];
const REF_EVENTS = ['resource.*', 'resources.imported'] as const;

interface Row {
  id: string;
  code: string;
  name: string;
  subdistrictCode: string;
  values: Record<string, unknown>;
}

/**
 * Reference data (admins): shelters, teams, warehouses and their stock lines — create, edit,
 * retire — checked with the API's own schemas. Points and their contacts: shown here, changed by
 * import (the API has no point-editing route).
 */
export function ReferenceDataPage() {
  const { t } = useTranslation();
  const { kind: kindParam } = useParams();
  const kind: Kind = KINDS.find((k) => k === kindParam) ?? 'shelters';
  return (
    <main className="admin-page" data-testid="page-reference">
      <h2>{t('adm.ref.title')}</h2>
      <nav aria-label={t('adm.ref.kinds')}>
        <ul className="admin-tabs">
          {KINDS.map((k) => (
            <li key={k}>
              <Link to={`/admin/reference/${k}`} aria-current={k === kind ? 'page' : undefined}>
                {t(`adm.ref.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {kind === 'points' ? <Points /> : <Resources key={kind} kind={kind} />}
    </main>
  );
}

function useRows(kind: Exclude<Kind, 'points'>): { rows: Row[]; error: unknown } {
  const shelters = useApiQuery(referenceRoutes.shelters, undefined, {
    invalidateOn: REF_EVENTS,
    enabled: kind === 'shelters',
  });
  const teams = useApiQuery(referenceRoutes.rescueTeams, undefined, {
    invalidateOn: REF_EVENTS,
    enabled: kind === 'teams',
  });
  const warehouses = useApiQuery(referenceRoutes.warehouses, undefined, {
    invalidateOn: [...REF_EVENTS, 'stock.*'],
    enabled: kind === 'warehouses',
  });
  const q = kind === 'shelters' ? shelters : kind === 'teams' ? teams : warehouses;
  const rows = (q.data?.features ?? []).map((f) => {
    const p = f.properties as unknown as Record<string, unknown> & {
      id: string;
      code: string;
      name: string;
      subdistrictCode: string;
    };
    const [lon, lat] = f.geometry.coordinates;
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      subdistrictCode: p.subdistrictCode,
      values: { ...p, lon, lat },
    };
  });
  return { rows, error: q.error };
}

function Resources({ kind }: { kind: Exclude<Kind, 'points'> }) {
  const { t } = useTranslation();
  const { rows, error } = useRows(kind);
  const subdistricts = useApiQuery(referenceRoutes.subdistricts);
  const [editing, setEditing] = useState<Row | null>(null);
  const routes = resourceManagementRoutes;
  const lists = [referenceRoutes.shelters, referenceRoutes.rescueTeams, referenceRoutes.warehouses];
  const createShelter = useApiMutation(routes.createShelter, lists);
  const updateShelter = useApiMutation(routes.updateShelter, lists);
  const retireShelter = useApiMutation(routes.retireShelter, lists);
  const createTeam = useApiMutation(routes.createTeam, lists);
  const updateTeam = useApiMutation(routes.updateTeam, lists);
  const retireTeam = useApiMutation(routes.retireTeam, lists);
  const createWarehouse = useApiMutation(routes.createWarehouse, lists);
  const updateWarehouse = useApiMutation(routes.updateWarehouse, lists);
  const retireWarehouse = useApiMutation(routes.retireWarehouse, lists);
  const subdistrictOptions = (subdistricts.data?.features ?? []).map((f) => ({
    value: f.properties.code,
    label: f.properties.name,
  }));
  const place: FieldSpec[] = [
    { name: 'name', label: t('res.name'), kind: 'text' },
    {
      name: 'subdistrictCode',
      label: t('adm.ref.subdistrict'),
      kind: 'select',
      options: subdistrictOptions,
    },
    { name: 'lon', label: t('res.lon'), kind: 'number' },
    { name: 'lat', label: t('res.lat'), kind: 'number' },
  ];
  const extra: Record<typeof kind, FieldSpec[]> = {
    shelters: [
      { name: 'address', label: t('res.shelters.address'), kind: 'text' },
      { name: 'capacity', label: t('adm.ref.capacity'), kind: 'number' },
      { name: 'managerName', label: t('adm.ref.managerName'), kind: 'text' },
      { name: 'managerPhone', label: t('adm.ref.managerPhone'), kind: 'text' },
      {
        name: 'planHazards',
        label: t('adm.ref.planHazards'),
        kind: 'list',
        hint: t('adm.ref.planHazardsHint'),
      },
    ],
    teams: [
      {
        name: 'kind',
        label: t('res.teams.kind'),
        kind: 'select',
        options: TEAM_KINDS.map((k) => ({ value: k, label: t(`teamKinds.${k}`) })),
      },
      { name: 'members', label: t('res.teams.members'), kind: 'number' },
      {
        name: 'equipment',
        label: t('adm.ref.equipment'),
        kind: 'list',
        hint: t('adm.ref.listHint'),
      },
      { name: 'leaderName', label: t('adm.ref.leaderName'), kind: 'text' },
      { name: 'leaderPhone', label: t('adm.ref.leaderPhone'), kind: 'text' },
    ],
    warehouses: [],
  };
  const fields = [...place, ...extra[kind]];
  const createSchema = {
    shelters: createShelterSchema,
    teams: createTeamSchema,
    warehouses: createWarehouseSchema,
  }[kind];
  const updateSchema = {
    shelters: updateShelterSchema,
    teams: updateTeamSchema,
    warehouses: updateWarehouseSchema,
  }[kind];
  const create = (body: Record<string, unknown>) =>
    kind === 'shelters'
      ? createShelter.mutateAsync({ body: body as never })
      : kind === 'teams'
        ? createTeam.mutateAsync({ body: body as never })
        : createWarehouse.mutateAsync({ body: body as never });
  const update = (id: string, body: Record<string, unknown>) =>
    kind === 'shelters'
      ? updateShelter.mutateAsync({ params: { id }, body: body })
      : kind === 'teams'
        ? updateTeam.mutateAsync({ params: { id }, body: body })
        : updateWarehouse.mutateAsync({ params: { id }, body: body });
  const retire =
    kind === 'shelters' ? retireShelter : kind === 'teams' ? retireTeam : retireWarehouse;
  return (
    <section aria-labelledby="ref-kind-h">
      <h3 id="ref-kind-h">{t(`adm.ref.${kind}`)}</h3>
      {error !== null && <ActionError error={error} />}
      <table className="resource-table" data-testid={`ref-${kind}`}>
        <caption className="visually-hidden">{t(`adm.ref.${kind}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.code')}</th>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('adm.ref.subdistrict')}</th>
            <th scope="col">{t('adm.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`ref-row-${r.code}`}>
              <td>{r.code}</td>
              <td>{r.name}</td>
              <td>
                {subdistrictOptions.find((s) => s.value === r.subdistrictCode)?.label ??
                  r.subdistrictCode}
              </td>
              <RowActions
                name={r.name}
                onEdit={() => setEditing(r)}
                onDelete={() => retire.mutate({ params: { id: r.id } })}
              />
            </tr>
          ))}
        </tbody>
      </table>
      {retire.error !== null && <ActionError error={retire.error} />}
      {editing ? (
        <>
          <SchemaForm
            key={editing.id}
            testId="ref-edit-form"
            title={t('adm.ref.edit', { name: editing.name })}
            schema={updateSchema}
            initial={editing.values}
            fields={fields}
            submitLabel={t('res.save')}
            onSubmit={(body) => update(editing.id, body)}
          />
          <button type="button" className="button button--small" onClick={() => setEditing(null)}>
            {t('adm.ref.cancelEdit')}
          </button>
          {kind === 'warehouses' && <StockLines warehouseId={editing.id} />}
        </>
      ) : (
        <SchemaForm
          key={`new-${kind}`}
          testId="ref-create-form"
          title={t('adm.ref.create')}
          schema={createSchema}
          initial={{ subdistrictCode: subdistrictOptions[0]?.value, kind: 'professional' }}
          fields={[{ name: 'code', label: t('res.code'), kind: 'text' }, ...fields]}
          submitLabel={t('adm.ref.createButton')}
          resetOnSuccess
          onSubmit={create}
        />
      )}
    </section>
  );
}

function StockLines({ warehouseId }: { warehouseId: string }) {
  const { t } = useTranslation();
  const warehouses = useApiQuery(referenceRoutes.warehouses, undefined, {
    invalidateOn: [...REF_EVENTS, 'stock.*'],
  });
  const lists = [referenceRoutes.warehouses];
  const add = useApiMutation(resourceManagementRoutes.addItem, lists);
  const update = useApiMutation(resourceManagementRoutes.updateItem, lists);
  const [sku, setSku] = useState<string | null>(null);
  const items =
    warehouses.data?.features.find((f) => f.properties.id === warehouseId)?.properties.items ?? [];
  const editing = items.find((i) => i.sku === sku);
  const itemFields: FieldSpec[] = [
    { name: 'name', label: t('res.name'), kind: 'text' },
    { name: 'unit', label: t('adm.ref.unit'), kind: 'text' },
    { name: 'lowStockThreshold', label: t('res.warehouses.threshold'), kind: 'number' },
  ];
  return (
    <section aria-labelledby="stock-lines-h">
      <h4 id="stock-lines-h">{t('res.warehouses.stock')}</h4>
      <ul>
        {items.map((i) => (
          <li key={i.sku}>
            <button type="button" className="button button--small" onClick={() => setSku(i.sku)}>
              {i.name} ({i.sku}): {i.quantity} {i.unit}
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <SchemaForm
          key={editing.sku}
          title={t('adm.ref.edit', { name: editing.name })}
          schema={updateStockItemSchema}
          initial={editing as unknown as Record<string, unknown>}
          fields={itemFields}
          submitLabel={t('res.save')}
          onSubmit={(body) =>
            update.mutateAsync({
              params: { id: warehouseId, sku: editing.sku },
              body: body,
            })
          }
        />
      ) : (
        <SchemaForm
          title={t('adm.ref.addItem')}
          schema={createStockItemSchema}
          fields={[
            { name: 'sku', label: t('res.warehouses.sku'), kind: 'text' },
            ...itemFields,
            { name: 'quantity', label: t('adm.ref.openingQuantity'), kind: 'number' },
          ]}
          submitLabel={t('adm.ref.createButton')}
          resetOnSuccess
          onSubmit={(body) => add.mutateAsync({ params: { id: warehouseId }, body: body as never })}
        />
      )}
    </section>
  );
}

function Points() {
  const { t } = useTranslation();
  const points = useApiQuery(referenceRoutes.waterloggingPoints, undefined, {
    invalidateOn: REF_EVENTS,
  });
  return (
    <section aria-labelledby="ref-points-h">
      <h3 id="ref-points-h">{t('adm.ref.points')}</h3>
      <p>
        {t('adm.ref.pointsByImport')} <Link to="/admin/import">{t('nav.import')}</Link>
      </p>
      {points.error !== null && <ActionError error={points.error} />}
      <table className="resource-table" data-testid="ref-points">
        <caption className="visually-hidden">{t('adm.ref.points')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.code')}</th>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('adm.ref.contacts')}</th>
          </tr>
        </thead>
        <tbody>
          {points.data?.features.map((f) => (
            <tr key={f.properties.id} data-testid={`ref-row-${f.properties.code}`}>
              <td>{f.properties.code}</td>
              <td>{f.properties.name}</td>
              <td>
                {f.properties.contacts
                  .map((c) => `${t(`contactRoles.${c.role}`)} ${c.name} ${c.phone}`)
                  .join('；')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
