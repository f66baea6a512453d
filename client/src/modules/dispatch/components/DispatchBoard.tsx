import type { DispatchDto } from '@sanfang/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { i18n as I18n, TFunction } from 'i18next';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useNow } from '../../../hooks/useNow';
import { catalogueTexts, preloadGlyphs } from '../../../utils/preloadGlyphs';
import { useSession } from '../../auth/state/useSession';
import { useSelectionParam } from '../../map/state/useSelectionParam';
import { useDispatches } from '../state/DispatchesProvider';
import {
  BOARD_FILTERS,
  BOARD_SORTS,
  countRows,
  orderRows,
  pickRows,
  type BoardFilter,
  type BoardSort,
} from '../utils/boardRows';
import { isOverdue } from '../utils/urgency';
import { DispatchMessages } from './DispatchMessages';
import { DispatchRow } from './DispatchRow';

/** `?response=<id>`: the response whose call-outs the board shows (its deep link). */
export const RESPONSE_PARAM = 'response';
// Every row is two lines high (point and contact; status and clock): a fixed height keeps the
// virtual list's arithmetic exact and scrolling free of re-measuring.
const ROW_PX = 46;

const isSort = (s: string | null): s is BoardSort => BOARD_SORTS.some((x) => x === s);
const isFilter = (s: string | null): s is BoardFilter => BOARD_FILTERS.some((x) => x === s);

/**
 * Per response: counts and every call-out (2,436 for a whole-district activation), overdue
 * first, sortable and filterable by status, with live clocks. Only the rows in view are in
 * the DOM (virtualised); each row opens its point on the map and its messages.
 */
export function DispatchBoard() {
  const { t, i18n } = useTranslation();
  // The console roles (duty officers, commanders, admins) read a call-out's messages.
  const readsMessages = useSession().user.role !== 'contact';
  const { responses, byResponse, loading, all } = useDispatches();
  usePreloadedRowFont(all, i18n);
  // The shared clock: the rows' countdowns tick in this same render.
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const [, select] = useSelectionParam();
  const chosen = params.get(RESPONSE_PARAM);
  const sortParam = params.get('sort');
  const filterParam = params.get('status');
  const sort: BoardSort = isSort(sortParam) ? sortParam : 'urgency';
  const filter: BoardFilter = isFilter(filterParam) ? filterParam : 'all';
  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: name !== RESPONSE_PARAM },
    );

  const selected = responses.find((r) => r.id === chosen) ?? responses[0] ?? null;
  const list = useMemo(
    () => [...(selected ? (byResponse.get(selected.id)?.values() ?? []) : [])],
    [byResponse, selected],
  );
  // Sorted when the call-outs or the order change; time only moves rows that just went
  // overdue to the top (one pass a tick, no sort).
  const ordered = useMemo(() => orderRows(list, sort), [list, sort]);
  const counts = useMemo(() => countRows(ordered, now), [ordered, now]);
  const rows = useMemo(() => pickRows(ordered, filter, now), [ordered, filter, now]);
  const [open, setOpen] = useState<string | null>(null);
  const openDispatch = open ? list.find((d) => d.id === open) : undefined;
  // Stable, so a scrolled frame renders only the rows that came into view (DispatchRow is memo).
  const toggle = useCallback((id: string) => setOpen((o) => (o === id ? null : id)), []);
  const show = useCallback(
    (pointId: string) => select({ kind: 'waterlogging', id: pointId }),
    [select],
  );

  return (
    <section
      className="dispatch-board"
      aria-labelledby="dispatch-board-title"
      data-testid="dispatch-board"
    >
      <h2 id="dispatch-board-title">{t('dispatchBoard.title')}</h2>
      {responses.length === 0 ? (
        <p className="panel__empty">{t('dispatchBoard.noResponse')}</p>
      ) : (
        <>
          {responses.length > 1 && (
            <div
              className="dispatch-board__tabs"
              role="group"
              aria-label={t('dispatchBoard.responses')}
            >
              {responses.map((r) => (
                <button
                  key={r.id}
                  type="button"
                  aria-pressed={r.id === selected?.id}
                  className="button button--small"
                  data-response-tab={r.id}
                  onClick={() => setParam(RESPONSE_PARAM, r.id)}
                >
                  {t(`ackHazards.${r.hazard}`)} {t(`ackLevels.${r.level}`)}
                </button>
              ))}
            </div>
          )}
          <dl className="dispatch-board__counts" data-testid="dispatch-counts">
            <div data-count="notified">
              <dt>{t('dispatchBoard.counts.notified')}</dt>
              <dd>{counts.notified}</dd>
            </div>
            <div data-count="acknowledged">
              <dt>{t('dispatchBoard.counts.acknowledged')}</dt>
              <dd>{counts.acknowledged}</dd>
            </div>
            <div data-count="onSite">
              <dt>{t('dispatchBoard.counts.onSite')}</dt>
              <dd>{counts.onSite}</dd>
            </div>
            <div data-count="overdue" className={counts.overdue > 0 ? 'is-overdue' : ''}>
              <dt>{t('dispatchBoard.counts.overdue')}</dt>
              <dd>{counts.overdue}</dd>
            </div>
          </dl>
          <div className="dispatch-board__controls">
            <label>
              {t('dispatchBoard.sort.label')}{' '}
              <select
                value={sort}
                onChange={(e) =>
                  setParam('sort', e.target.value === 'urgency' ? null : e.target.value)
                }
                data-testid="dispatch-sort"
              >
                {BOARD_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`dispatchBoard.sort.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('dispatchBoard.filter.label')}{' '}
              <select
                value={filter}
                onChange={(e) =>
                  setParam('status', e.target.value === 'all' ? null : e.target.value)
                }
                data-testid="dispatch-filter"
              >
                {BOARD_FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {f === 'all' || f === 'overdue'
                      ? t(`dispatchBoard.filter.${f}`)
                      : t(`dispatchBoard.statuses.${f}`)}
                  </option>
                ))}
              </select>
            </label>
            <span className="dispatch-board__shown" data-testid="dispatch-shown">
              {t('dispatchBoard.shown', { count: rows.length, total: list.length })}
            </span>
          </div>
          <DispatchList
            rows={rows}
            now={now}
            open={open}
            onToggle={toggle}
            onShow={show}
            t={t}
            readsMessages={readsMessages}
            empty={
              selected && loading.has(selected.id)
                ? t('dispatchBoard.loading')
                : list.length === 0
                  ? t('dispatchBoard.empty')
                  : t('dispatchBoard.noneMatch')
            }
          />
          {openDispatch && <DispatchMessages dispatch={openDispatch} />}
        </>
      )}
    </section>
  );
}

/** What any row may say beside its call-out's own text: clocks' digits and separators. */
const ROW_SYMBOLS = '0123456789:-—·…()/ ';

/**
 * Fetches, while the console is idle, the font files the rows' text needs (every call-out's
 * point, code and contact, the row labels of the board's language), so that scrolling through
 * call-outs not yet shown fetches none and relays out nothing (see utils/preloadGlyphs).
 */
function usePreloadedRowFont(all: readonly DispatchDto[], i18n: I18n): void {
  const language = i18n.language;
  const seen = useRef(new WeakSet<DispatchDto>());
  useEffect(() => {
    preloadGlyphs([
      ROW_SYMBOLS,
      ...catalogueTexts(i18n.getResource(language, 'translation', 'dispatchBoard')),
      ...catalogueTexts(i18n.getResource(language, 'translation', 'contactRoles')),
    ]);
  }, [i18n, language]);
  useEffect(() => {
    const texts: string[] = [];
    // A live update replaces only the call-outs it changed: the others are not read again.
    for (const d of all)
      if (!seen.current.has(d)) {
        seen.current.add(d);
        texts.push(d.pointName, d.pointCode, d.contactName);
      }
    preloadGlyphs(texts);
  }, [all]);
}

interface DispatchListProps {
  rows: readonly DispatchDto[];
  now: number;
  open: string | null;
  onToggle: (id: string) => void;
  onShow: (pointId: string) => void;
  t: TFunction;
  readsMessages: boolean;
  /** Said instead of the list when no row is shown. */
  empty: string;
}

/**
 * The virtualised list on its own: a scrolled frame re-renders this and the rows that came
 * into view, not the board's counts and controls above it.
 */
const DispatchList = memo(function DispatchList({
  rows,
  now,
  open,
  onToggle,
  onShow,
  t,
  readsMessages,
  empty,
}: DispatchListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    // Rows have one fixed height, so the default index keys keep the virtualiser's measurements
    // valid while the order changes each second (a per-render getItemKey invalidated them every
    // render and looped React's updates).
  });

  // Always the same element: the virtualiser keeps its scroll element for the board's life.
  return (
    <div
      className={`dispatch-board__scroll${rows.length === 0 ? ' dispatch-board__scroll--empty' : ''}`}
      ref={scroller}
      data-testid="dispatch-scroll"
      // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll box, named by its label
      tabIndex={0}
      role="region"
      aria-label={t('dispatchBoard.list')}
    >
      {rows.length === 0 ? (
        <p className="panel__empty">{empty}</p>
      ) : (
        <ol
          className="dispatch-board__list"
          style={{ height: virtual.getTotalSize(), position: 'relative' }}
        >
          {virtual.getVirtualItems().map((item) => {
            const d: DispatchDto | undefined = rows[item.index];
            if (!d) return null;
            return (
              <DispatchRow
                key={d.id}
                d={d}
                overdue={isOverdue(d, now)}
                t={t}
                readsMessages={readsMessages}
                index={item.index}
                total={rows.length}
                start={item.start}
                height={ROW_PX}
                open={open === d.id}
                onToggle={onToggle}
                onShow={onShow}
              />
            );
          })}
        </ol>
      )}
    </div>
  );
});
