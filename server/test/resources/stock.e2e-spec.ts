import type { StockMovementDto, StockNearestResult } from '@sanfang/shared';
import { createTestApp, type TestApp } from '../helpers/app';
import { contactToken, eventsOf, headSeq, sql } from './resource-helpers';

interface ItemRow {
  id: string;
  warehouse_id: string;
  sku: string;
  quantity: number;
  low_stock_threshold: number;
}

describe('warehouse stock', () => {
  let t: TestApp;
  let duty: string;
  let pool: ItemRow[];
  const take = (): ItemRow => {
    const x = pool.shift();
    if (!x) throw new Error('out of seeded stock lines');
    return x;
  };

  beforeAll(async () => {
    t = await createTestApp();
    duty = `Bearer ${await t.login('duty')}`;
    pool = await sql<ItemRow>(
      t,
      `SELECT id, warehouse_id, sku, quantity, low_stock_threshold FROM stock_items
        WHERE sku = 'sandbag' AND low_stock_threshold > 0 ORDER BY warehouse_id`,
    );
  });
  afterAll(() => t.close());

  const move = (item: ItemRow, kind: 'issue' | 'receive', quantity: number) =>
    t.http
      .post(`/api/warehouses/${item.warehouse_id}/movements`)
      .set('authorization', duty)
      .send({ sku: item.sku, kind, quantity, reason: 'test' });
  const quantityOf = async (item: ItemRow) =>
    (
      await sql<{ quantity: number }>(t, `SELECT quantity FROM stock_items WHERE id = $1`, [
        item.id,
      ])
    )[0]!.quantity;
  const ledger = (item: ItemRow) =>
    sql<{ kind: string; quantity: number; balance_after: number }>(
      t,
      `SELECT kind, quantity, balance_after FROM stock_movements WHERE stock_item_id = $1 ORDER BY id`,
      [item.id],
    );
  const signed = (m: { kind: string; quantity: number }) =>
    m.kind === 'issue' ? -m.quantity : m.quantity;

  describe('POST /api/warehouses/:id/movements', () => {
    it('requires authentication', async () => {
      const item = pool[0]!;
      const res = await t.http.post(`/api/warehouses/${item.warehouse_id}/movements`).send({});
      expect(res.status).toBe(401);
    });

    it('refuses a contact', async () => {
      const item = pool[0]!;
      const res = await t.http
        .post(`/api/warehouses/${item.warehouse_id}/movements`)
        .set('authorization', `Bearer ${await contactToken(t)}`)
        .send({ sku: item.sku, kind: 'issue', quantity: 1, reason: 'x' });
      expect(res.status).toBe(403);
    });

    it('never goes negative: an issue beyond stock is refused and leaves no trace', async () => {
      const item = take();
      const before = await headSeq(t);
      const res = await move(item, 'issue', item.quantity + 1);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'STOCK_INSUFFICIENT', path: 'body.quantity' });
      expect(await quantityOf(item)).toBe(item.quantity);
      expect(await ledger(item)).toHaveLength(1); // the opening balance only
      expect(await eventsOf(t, 'stock.moved', before)).toHaveLength(0);
      const zero = await move(item, 'issue', 0);
      expect(zero.status).toBe(400);
    });

    it('loses no update under parallel issues and receipts, and the ledger replays to the quantity', async () => {
      const item = take();
      // Bring the line down to a few units first, so that the parallel burst is a few dozen
      // requests (the seeded quantities are in the hundreds) and still outruns the stock.
      const start = 20;
      expect((await move(item, 'issue', item.quantity - start)).status).toBe(201);
      const issues = start + 30 + 10; // more than there can be: some must be refused
      const results = await Promise.all([
        ...Array.from({ length: issues }, () => move(item, 'issue', 1)),
        ...Array.from({ length: 15 }, () => move(item, 'receive', 2)),
      ]);
      const issued = results.slice(0, issues).filter((r) => r.status === 201).length;
      const received = results.slice(issues).filter((r) => r.status === 201).length;
      expect(received).toBe(15);
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      const q = await quantityOf(item);
      expect(q).toBe(start - issued + 30);
      expect(issued).toBeLessThan(issues);
      expect(q).toBeGreaterThanOrEqual(0);

      const rows = await ledger(item);
      expect(rows[0]).toMatchObject({ kind: 'opening', quantity: item.quantity });
      expect(rows.reduce((a, m) => a + signed(m), 0)).toBe(q);
      // Each balance follows from the previous one: the ledger is in lock order.
      let balance = 0;
      for (const m of rows) {
        balance += signed(m);
        expect(m.balance_after).toBe(balance);
      }
    });

    it('keeps the ledger append-only', async () => {
      const item = pool[0]!;
      await expect(
        sql(t, `UPDATE stock_movements SET quantity = 0 WHERE stock_item_id = $1`, [item.id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql(t, `DELETE FROM stock_movements WHERE stock_item_id = $1`, [item.id]),
      ).rejects.toThrow(/append-only/);
    });

    it('alarms once when stock falls below the threshold and again when it is restored', async () => {
      const item = take();
      const before = await headSeq(t);
      // Down to exactly the threshold: not yet low.
      await move(item, 'issue', item.quantity - item.low_stock_threshold);
      expect(await eventsOf(t, 'stock.low', before)).toHaveLength(0);
      await move(item, 'issue', 1);
      await move(item, 'issue', 1);
      const low = await eventsOf(t, 'stock.low', before);
      expect(low.map((e) => e.payload)).toEqual([
        expect.objectContaining({
          warehouseId: item.warehouse_id,
          sku: item.sku,
          quantity: item.low_stock_threshold - 1,
        }),
      ]);
      await move(item, 'receive', 5);
      expect((await eventsOf(t, 'stock.restored', before)).map((e) => e.payload.sku)).toEqual([
        item.sku,
      ]);
    });

    it('lists the movements of a warehouse, newest first', async () => {
      const item = pool[0]!;
      await move(item, 'receive', 3);
      const res = await t.http
        .get(`/api/warehouses/${item.warehouse_id}/movements?sku=${item.sku}`)
        .set('authorization', duty);
      expect(res.status).toBe(200);
      const list = res.body as StockMovementDto[];
      expect(list[0]).toMatchObject({ kind: 'receive', quantity: 3, actor: 'duty' });
      expect(list.at(-1)?.kind).toBe('opening');
    });
  });

  describe('GET /api/stock/nearest', () => {
    it('lists warehouses nearest first until the need is met', async () => {
      const res = await t.http
        .get('/api/stock/nearest?sku=pump&lon=113.88&lat=22.58&need=20')
        .set('authorization', duty);
      expect(res.status).toBe(200);
      const r = res.body as StockNearestResult;
      expect(r.satisfied).toBe(true);
      expect(r.found).toBeGreaterThanOrEqual(20);
      const d = r.warehouses.map((w) => w.distanceM);
      expect(d).toEqual([...d].sort((a, b) => a - b));
      // The last one is needed; without it the sum falls short.
      expect(r.found - r.warehouses.at(-1)!.quantity).toBeLessThan(20);
      expect(r.warehouses.at(-1)!.cumulative).toBe(r.found);
    });

    it('says when the district cannot meet the need', async () => {
      const res = await t.http
        .get('/api/stock/nearest?sku=boat&lon=113.88&lat=22.58&need=1000000')
        .set('authorization', duty);
      expect(res.body).toMatchObject({ satisfied: false });
    });

    it('rejects a missing coordinate', async () => {
      const res = await t.http
        .get('/api/stock/nearest?sku=pump&lon=113.88&need=20')
        .set('authorization', duty);
      expect(res.status).toBe(400);
      expect(res.body.path).toBe('query.lat');
    });
  });
});
