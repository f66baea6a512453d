import type { CapIngestResult } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';
import { capXml, refOf } from './cap-factory';

/**
 * Suggestions weigh every live warning, also those a batch does not touch (read as summaries
 * with the batch, not whole): the demand before and after a change is the district's.
 */
describe('suggestions from the live warnings a batch does not touch', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const post = async (xml: string): Promise<CapIngestResult> =>
    (
      await t.http
        .post('/api/feeds/cap')
        .set('Authorization', 'Bearer demo-feed')
        .set('Content-Type', 'application/cap+xml')
        .send(Buffer.from(xml, 'utf8'))
        .expect(201)
    ).body as CapIngestResult;
  const suggested = () =>
    ds.query<{ action: string; level: string | null; warning: string }[]>(
      `SELECT payload->>'action' AS action, payload->>'level' AS level,
              payload->>'warningId' AS warning
         FROM events WHERE type = 'response.suggested' ORDER BY seq`,
    );

  it('lowers to what a quieter warning still calls for when the louder one is cancelled', async () => {
    const t0 = Date.now() - 120_000;
    const yellow = await post(capXml({ identifier: 'LIVE-Y', sent: new Date(t0), colour: '黄' }));
    const orangeXml = capXml({
      identifier: 'LIVE-O',
      sender: '44030041600001',
      sent: new Date(t0 + 10_000),
      colour: '橙',
    });
    const orange = await post(orangeXml);
    await post(
      capXml({
        identifier: 'LIVE-O-CXL',
        sender: '44030041600001',
        sent: new Date(t0 + 20_000),
        msgType: 'Cancel',
        references: refOf(orangeXml),
      }),
    );
    expect(await suggested()).toEqual([
      { action: 'start', level: 'attention', warning: yellow.warningId },
      { action: 'raise', level: 'IV', warning: orange.warningId },
      // The yellow warning, untouched by the Cancel's batch, still calls for attention.
      { action: 'lower', level: 'attention', warning: orange.warningId },
    ]);
  });
});
