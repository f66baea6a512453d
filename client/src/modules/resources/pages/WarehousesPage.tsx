import { zodResolver } from '@hookform/resolvers/zod';
import {
  referenceRoutes,
  STOCK_MOVEMENT_KINDS,
  stockMovementSchema,
  stockNearestQuerySchema,
  stockRoutes,
  type StockNearestQuery,
  type WarehouseProps,
} from '@sanfang/shared';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { FormField } from '../../api/components/FormField';
import { applyServerError } from '../../api/utils/fieldErrors';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';

const STOCK_EVENTS = ['stock.*', 'resource.*', 'resources.imported'] as const;

/** Warehouses: stock of each, movements in and out, and the nearest stock of an item. */
export function WarehousesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const warehouses = useApiQuery(referenceRoutes.warehouses, undefined, {
    invalidateOn: STOCK_EVENTS,
  });
  const rows = warehouses.data?.features.map((f) => f.properties) ?? [];
  const selected = rows.find((w) => w.id === id);
  const skus = [...new Set(rows.flatMap((w) => w.items.map((i) => i.sku)))].sort();
  return (
    <main className="resource-page" data-testid="page-warehouses">
      <h2>{t('res.warehouses.title')}</h2>
      {warehouses.error !== null && <ActionError error={warehouses.error} />}
      <table className="resource-table">
        <caption className="visually-hidden">{t('res.warehouses.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.code')}</th>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('res.warehouses.items')}</th>
            <th scope="col">{t('res.warehouses.low')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr
              key={w.id}
              data-testid={`warehouse-row-${w.code}`}
              aria-current={w.id === id ? 'true' : undefined}
            >
              <td>{w.code}</td>
              <td>
                <Link to={`/resources/warehouses/${w.id}`}>{w.name}</Link>
              </td>
              <td>{w.items.length}</td>
              <td>{w.items.filter((i) => i.quantity <= i.lowStockThreshold).length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && <WarehouseDetail key={selected.id} warehouse={selected} />}
      <NearestStock skus={skus} />
    </main>
  );
}

function WarehouseDetail({ warehouse }: { warehouse: WarehouseProps }) {
  const { t } = useTranslation();
  const movements = useApiQuery(
    stockRoutes.movements,
    { params: { id: warehouse.id }, query: {} },
    { invalidateOn: ['stock.*'] },
  );
  const move = useApiMutation(stockRoutes.move, [
    referenceRoutes.warehouses,
    stockRoutes.movements,
  ]);
  const form = useForm({
    resolver: zodResolver(stockMovementSchema),
    defaultValues: { sku: warehouse.items[0]?.sku ?? '', kind: 'issue' as const, reason: '' },
  });
  const [failure, setFailure] = useState<unknown>(null);
  const submit = form.handleSubmit((body) => {
    setFailure(null);
    move.mutate(
      { params: { id: warehouse.id }, body },
      {
        onSuccess: () => form.reset({ sku: body.sku, kind: body.kind, reason: '' }),
        onError: (e) => {
          if (!applyServerError(e, form.setError, ['sku', 'kind', 'quantity', 'reason']))
            setFailure(e);
        },
      },
    );
  });
  const errors = form.formState.errors;
  return (
    <section className="resource-detail" data-testid="warehouse-detail" aria-labelledby="wh-h">
      <h3 id="wh-h">
        {warehouse.name} ({warehouse.code})
      </h3>
      <table className="resource-table">
        <caption>{t('res.warehouses.stock')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.warehouses.sku')}</th>
            <th scope="col">{t('res.name')}</th>
            <th scope="col">{t('res.warehouses.quantity')}</th>
            <th scope="col">{t('res.warehouses.threshold')}</th>
          </tr>
        </thead>
        <tbody>
          {warehouse.items.map((i) => (
            <tr key={i.sku} data-testid={`stock-row-${i.sku}`}>
              <td>{i.sku}</td>
              <td>{i.name}</td>
              <td data-testid="stock-quantity">
                {i.quantity} {i.unit}
              </td>
              <td>{i.lowStockThreshold}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={(e) => void submit(e)}
        className="resource-form"
        data-testid="stock-move-form"
        noValidate
      >
        <h4>{t('res.warehouses.move')}</h4>
        <FormField label={t('res.warehouses.sku')} error={errors.sku}>
          <select {...form.register('sku')}>
            {warehouse.items.map((i) => (
              <option key={i.sku} value={i.sku}>
                {i.name} ({i.sku})
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('res.warehouses.kind')} error={errors.kind}>
          <select {...form.register('kind')}>
            {STOCK_MOVEMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`res.warehouses.kinds.${k}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('res.warehouses.quantity')} error={errors.quantity}>
          <input type="number" {...form.register('quantity', { valueAsNumber: true })} />
        </FormField>
        <FormField label={t('res.reason')} error={errors.reason}>
          <input {...form.register('reason')} />
        </FormField>
        <button type="submit" className="button" disabled={move.isPending}>
          {t('res.warehouses.book')}
        </button>
        {failure !== null && <ActionError error={failure} />}
      </form>
      <table className="resource-table" data-testid="stock-movements">
        <caption>{t('res.warehouses.movements')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('res.time')}</th>
            <th scope="col">{t('res.warehouses.sku')}</th>
            <th scope="col">{t('res.warehouses.kind')}</th>
            <th scope="col">{t('res.warehouses.quantity')}</th>
            <th scope="col">{t('res.warehouses.balance')}</th>
            <th scope="col">{t('res.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {movements.data?.map((m) => (
            <tr key={m.id}>
              <td>{new Date(m.createdAt).toLocaleString()}</td>
              <td>{m.sku}</td>
              <td>{t(`res.warehouses.kinds.${m.kind}`)}</td>
              <td>{m.quantity}</td>
              <td>{m.balanceAfter}</td>
              <td>{m.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NearestStock({ skus }: { skus: string[] }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<StockNearestQuery | null>(null);
  const form = useForm<StockNearestQuery>({
    resolver: zodResolver(stockNearestQuerySchema) as unknown as Resolver<StockNearestQuery>,
    defaultValues: { sku: skus[0] ?? '', lon: 113.88, lat: 22.58, need: 1 },
  });
  const result = useApiQuery(
    stockRoutes.nearest,
    {
      query: query
        ? {
            sku: query.sku,
            lon: String(query.lon),
            lat: String(query.lat),
            need: String(query.need),
          }
        : undefined,
    },
    { enabled: query !== null, invalidateOn: STOCK_EVENTS },
  );
  const errors = form.formState.errors;
  return (
    <section className="resource-detail" aria-labelledby="nearest-stock-h">
      <h3 id="nearest-stock-h">{t('res.warehouses.nearest')}</h3>
      <form
        className="resource-form"
        data-testid="nearest-stock-form"
        noValidate
        onSubmit={(e) => void form.handleSubmit((q) => setQuery(q))(e)}
      >
        <FormField label={t('res.warehouses.sku')} error={errors.sku}>
          <input list="stock-skus" {...form.register('sku')} />
        </FormField>
        <datalist id="stock-skus">
          {skus.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <FormField label={t('res.lon')} error={errors.lon}>
          <input type="number" step="any" {...form.register('lon', { valueAsNumber: true })} />
        </FormField>
        <FormField label={t('res.lat')} error={errors.lat}>
          <input type="number" step="any" {...form.register('lat', { valueAsNumber: true })} />
        </FormField>
        <FormField label={t('res.warehouses.need')} error={errors.need}>
          <input type="number" {...form.register('need', { valueAsNumber: true })} />
        </FormField>
        <button type="submit" className="button">
          {t('res.warehouses.find')}
        </button>
      </form>
      {result.error !== null && <ActionError error={result.error} />}
      {result.data && (
        <>
          <p>
            {result.data.satisfied
              ? t('res.warehouses.satisfied', { found: result.data.found, need: result.data.need })
              : t('res.warehouses.short', { found: result.data.found, need: result.data.need })}
          </p>
          <ol data-testid="nearest-stock">
            {result.data.warehouses.map((w) => (
              <li key={w.warehouseId}>
                {w.name} — {w.quantity} {w.unit} —{' '}
                {t('res.distanceKm', { km: (w.distanceM / 1000).toFixed(1) })}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
