import type { InstructionDto } from '@sanfang/shared';
import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  apiLogin,
  apiPost,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { axeViolations, consoleErrors, switchLanguage } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

const DAY = 86_400_000;
/** Today's duty day (08:00–08:00 Asia/Shanghai): the UTC date for an 08:00 start. */
const dutyDate = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** A week of rota from today's duty day, as a spreadsheet exports it. */
function weekCsv(): string {
  const lines = ['date,leader_name,leader_phone,chief_name,chief_phone,officers'];
  for (let i = 0; i < 7; i++) {
    const date = dutyDate(Date.now() + i * DAY);
    lines.push(
      `${date},带班领导${i},1380000000${i},值班长${i},1370000000${i},值班员${i}/1390000000${i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

suite('the duty desk in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const upload = (page: Page, name: string, csv: string) =>
    page
      .locator('[data-testid=rota-import-file]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });

  it('loads a week of rota from CSV into the grid, lists bad rows, edits a shift, and shows who is on duty', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid="nav-duty-desk/rota"]').click();
    await page.locator('[data-testid=rota-grid]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/duty-desk/rota');

    // A bad file: nothing loads, each bad cell is listed by line and column.
    await upload(
      page,
      'bad.csv',
      'date,leader_name,leader_phone,chief_name,chief_phone,officers\n2026-13-01,甲,12,乙,13700000000,\n',
    );
    await page.getByRole('button', { name: '检查' }).click();
    const problems = page.locator('[data-testid=rota-import-problems] li');
    await problems.first().waitFor();
    expect(await problems.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('第 2 行 leader_phone')]),
    );

    // From here on, no errors (the 400 above was the refusal the test asked for).
    const errors = consoleErrors(page);
    await upload(page, 'rota.csv', weekCsv());
    await page.getByRole('button', { name: '检查' }).click();
    await page
      .locator('[data-testid=rota-import-result]', { hasText: '检查通过：7 个班次' })
      .waitFor();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page
      .locator('[data-testid=rota-import-result]', { hasText: '已导入 7 个班次' })
      .waitFor();
    const today = page.locator(`[data-testid=rota-row-${dutyDate(Date.now())}]`);
    await today.getByText('带班领导0 13800000000').waitFor();
    // The header names who is on duty now and next, from the rota.
    await page.locator('[data-testid=on-duty]', { hasText: '带班领导0' }).waitFor();
    await page.locator('[data-testid=on-duty]', { hasText: '值班员1' }).waitFor();

    // A substitution: the officer of tomorrow's shift is replaced.
    const tomorrow = page.locator(`[data-testid=rota-row-${dutyDate(Date.now() + DAY)}]`);
    await tomorrow.getByRole('button', { name: '编辑' }).click();
    const editor = page.locator('[data-testid=shift-editor]');
    await editor.locator('textarea[name=officers]').fill('替班员/13912345678');
    await editor.locator('select[name=change]').selectOption('substitution');
    await editor.locator('input[name=note]').fill('值班员1病假');
    await editor.getByRole('button', { name: '保存' }).click();
    await tomorrow.getByText('替班员 13912345678').waitFor();
    await page.locator('[data-testid=on-duty]', { hasText: '替班员' }).waitFor();
    await shot(page, 'duty-desk-rota');
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await page.locator('[data-testid=rota-grid]').getByText('Leader on duty').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    expect(browser.offOrigin).toEqual([]);
  });

  it('runs an instruction in the panel: registered, assigned with countdowns, answered by phone and by a unit link, closed', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid="nav-duty-desk/instructions"]').click();
    await page.locator('[data-testid=instructions-page]').waitFor();

    const reg = page.locator('[data-testid=instruction-register]');
    await reg.locator('input[name=fromName]').fill('张三');
    await reg.locator('input[name=fromTitle]').fill('副区长');
    await reg.locator('textarea[name=text]').fill('请西乡街道、区水务局立即核实积水情况并报告');
    await reg.getByRole('button', { name: '提交' }).click();
    const card = page.locator('[data-testid=instruction]', {
      hasText: '请西乡街道、区水务局立即核实',
    });
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('received');

    await card.locator('textarea[name=units]').fill('西乡街道/075527000001\n区水务局/075527000002');
    await card.getByRole('button', { name: '交办' }).click();
    const xixiang = card.locator('[data-testid=unit-西乡街道]');
    await xixiang.waitFor();
    await page
      .locator('[data-testid=instruction][data-status=assigned]', { hasText: '请西乡街道' })
      .waitFor();
    // The countdown runs: "剩余 59:58" one second, "剩余 59:57" the next.
    const countdown = xixiang.locator('.unit__countdown');
    const first = await countdown.innerText();
    expect(first).toMatch(/剩余 \d+:\d\d/);
    await page.waitForFunction(
      ([sel, before]) => document.querySelector(sel)?.textContent !== before,
      ['[data-testid="unit-西乡街道"] .unit__countdown', first] as const,
    );

    // 区水务局 phones in; the officer records it.
    const water = card.locator('[data-testid=unit-区水务局]');
    await water.locator('input[name=answeredBy]').fill('区水务局 王五');
    await water.locator('input[name=text]').fill('已派出抽水泵2台');
    await water.getByRole('button', { name: '记录电话反馈' }).click();
    await page.locator('[data-testid=unit-区水务局][data-status=answered]').waitFor();
    await shot(page, 'duty-desk-instructions');
    expect(await axeViolations(page)).toEqual([]);

    // 西乡街道 answers on its own link page, with no account.
    const link = await xixiang.locator('a.unit__link').getAttribute('href');
    const token = new URL(link!).pathname.split('/answer/')[1]!;
    const unit = await browser.newPage();
    const unitErrors = consoleErrors(unit);
    await unit.goto(`${server.url}/answer/${token}`);
    await unit
      .locator('[data-testid=answer-page]')
      .getByText('西乡街道', { exact: true })
      .waitFor();
    expect(await axeViolations(unit)).toEqual([]);
    await unit.locator('textarea[name=text]').fill('已核实：下穿通道积水0.3米，已封闭交通');
    await unit.locator('input[name=answeredBy]').fill('西乡街道 李四');
    await unit.getByRole('button', { name: '提交反馈' }).click();
    await unit.locator('[data-testid=answer-done]').waitFor();
    await shot(unit, 'duty-desk-answer');
    expect(unitErrors).toEqual([]);

    // The officer's panel follows live: both units answered, the instruction answered.
    await page.locator('[data-testid=unit-西乡街道][data-status=answered]').waitFor();
    await page.locator('[data-testid=instruction][data-status=answered]').waitFor();
    // The officer may not close it; a commander does.
    expect(await card.locator('[data-testid=instruction-close]').count()).toBe(0);
    const commander = await browser.newPage();
    await signIn(commander, server.url, 'commander');
    await commander.goto(`${server.url}/duty-desk/instructions`);
    const ccard = commander.locator('[data-testid=instruction]', { hasText: '请西乡街道' });
    await ccard.locator('textarea[name=summary]').fill('两个单位均已反馈，办结');
    await ccard.getByRole('button', { name: '办结' }).click();
    await commander
      .locator('[data-testid=instructions-page]')
      .getByText('没有未办结的批示')
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('registers an instruction about an incident in the form; the incident page shows it with its history, live', async () => {
    const feed = await fetch(`${server.url}/api/feeds/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-feed' },
      body: JSON.stringify({
        source: 'hotline12345',
        externalId: `e2e-concerns-${Date.now()}`,
        type: 'waterlogging',
        occurredAt: new Date().toISOString(),
        location: { lon: 113.875, lat: 22.585, address: '福永大道桥洞' },
        description: '福永大道桥洞积水，两车被困',
        casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 2 },
        directLossCny: 0,
      }),
    });
    expect(feed.status).toBe(201);
    const incident = ((await feed.json()) as { incident: { id: string; title: string } }).incident;

    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.goto(`${server.url}/duty-desk/instructions`);
    const reg = page.locator('[data-testid=instruction-register]');
    await reg.locator('input[name=fromName]').fill('赵六');
    await reg.locator('input[name=fromTitle]').fill('区长');
    await reg.locator('textarea[name=text]').fill('请福永街道立即组织救援桥洞被困车辆');
    // What it concerns: an incident, found by a word of its title.
    await reg.getByLabel('关联对象').selectOption('incident');
    await reg.getByLabel('按关键词查找').fill(incident.title.slice(0, 4));
    const which = reg.locator('select[name=concernsId]');
    await which.locator(`option[value="${incident.id}"]`).waitFor({ state: 'attached' });
    await which.selectOption(incident.id);
    expect(await axeViolations(page)).toEqual([]);
    await reg.getByRole('button', { name: '提交' }).click();
    const card = page.locator('[data-testid=instruction]', { hasText: '请福永街道立即组织救援' });
    await card.locator('[data-testid=instruction-concerns]', { hasText: '关联：事件' }).waitFor();

    await card.locator('textarea[name=units]').fill('福永街道/075527000011');
    await card.getByRole('button', { name: '交办' }).click();
    const unit = card.locator('[data-testid=unit-福永街道]');
    await unit.locator('input[name=answeredBy]').fill('福永街道 孙八');
    await unit.locator('input[name=text]').fill('已救出被困人员2名');
    await unit.getByRole('button', { name: '记录电话反馈' }).click();
    await page.locator('[data-testid=unit-福永街道][data-status=answered]').waitFor();

    // The incident page lists it, with its units and its whole history.
    await card.getByRole('link', { name: '查看事件' }).click();
    await page.locator('[data-testid=incident-page]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/incidents/${incident.id}`);
    const about = page.locator('[data-testid=concerning-instruction]', {
      hasText: '请福永街道立即组织救援',
    });
    await about.waitFor();
    expect(await about.getAttribute('data-status')).toBe('answered');
    await about
      .locator('[data-testid=concerning-unit-福永街道][data-status=answered]', {
        hasText: '已救出被困人员2名',
      })
      .waitFor();
    const history = about.locator('[data-testid^=instruction-history] li');
    await history.nth(2).waitFor();
    expect(await history.allInnerTexts()).toEqual([
      expect.stringMatching(/登记 · duty$/),
      expect.stringMatching(/交办：福永街道 · duty$/),
      expect.stringMatching(/福永街道 反馈（电话） · duty$/),
    ]);
    await shot(page, 'duty-desk-incident-instructions');
    expect(await axeViolations(page)).toEqual([]);

    // A commander closes it elsewhere: the incident page follows live.
    const commander = await apiLogin(server.url, 'commander');
    const [ins] = (await (
      await fetch(`${server.url}/api/instructions?status=all&concernsId=${incident.id}`, {
        headers: { authorization: `Bearer ${commander}` },
      })
    ).json()) as InstructionDto[];
    const closed = await apiPost(server.url, `/api/instructions/${ins!.id}/close`, commander, {
      summary: '被困人员已全部救出，办结',
    });
    expect(closed.status).toBe(200);
    await page.locator('[data-testid=concerning-instruction][data-status=closed]').waitFor();
    await history.nth(3).waitFor();
    expect(await history.nth(3).innerText()).toMatch(/办结：被困人员已全部救出，办结 · commander$/);

    await switchLanguage(page, 'en');
    const en = page.locator('[data-testid=concerning-instructions]');
    await en.getByRole('heading', { name: 'Leader instructions' }).waitFor();
    await en.getByText('福永街道 answered (by phone)').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The link leads to the instruction in its panel, closed but shown and marked.
    await en.getByRole('link', { name: /区长 赵六/ }).click();
    const target = page.locator('[data-testid=instruction][aria-current=true]');
    await target.waitFor();
    expect(await target.getAttribute('data-status')).toBe('closed');
    await target.getByText('Closed: 被困人员已全部救出，办结').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
  });

  it('lists the instructions about a response on its card in the console, live', async () => {
    const commander = await apiLogin(server.url, 'commander');
    const started = await apiPost(server.url, '/api/responses', commander, {
      hazard: 'flood',
      level: 'IV',
      subdistrictCodes: [],
      reason: '暴雨黄色预警，启动防汛IV级应急响应',
    });
    expect(started.status).toBe(201);
    const response = (await started.json()) as { id: string };

    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    const cardOf = page.locator(
      `[data-testid=responses-panel] [data-response-id="${response.id}"]`,
    );
    await cardOf.locator('[data-testid=concerning-instructions]').waitFor();
    expect(await cardOf.locator('[data-testid=concerning-instructions] summary').innerText()).toBe(
      '领导批示（0）',
    );

    // Registered in the form (in another tab) as concerning this response: the card follows.
    const desk = await browser.newPage();
    await signIn(desk, server.url, 'duty');
    await desk.goto(`${server.url}/duty-desk/instructions`);
    const reg = desk.locator('[data-testid=instruction-register]');
    await reg.locator('input[name=fromName]').fill('钱九');
    await reg.locator('input[name=fromTitle]').fill('市防指副总指挥');
    await reg.locator('select[name=fromLevel]').selectOption('city');
    await reg.locator('textarea[name=text]').fill('请宝安区加强防汛IV级响应期间的巡查值守');
    await reg.getByLabel('关联对象').selectOption('response');
    const which = reg.locator('select[name=concernsId]');
    await which.locator(`option[value="${response.id}"]`).waitFor({ state: 'attached' });
    await which.selectOption(response.id);
    await reg.getByRole('button', { name: '提交' }).click();
    await desk
      .locator('[data-testid=instruction-concerns]', { hasText: '关联：应急响应' })
      .waitFor();

    const summary = cardOf.locator('[data-testid=concerning-instructions] summary');
    await cardOf
      .locator('[data-testid=concerning-instructions] summary', { hasText: '领导批示（1）' })
      .waitFor();
    await summary.click();
    const item = cardOf.locator('[data-testid=concerning-instruction]', {
      hasText: '请宝安区加强防汛IV级响应期间的巡查值守',
    });
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('received');
    await item.locator('[data-testid^=instruction-history] li', { hasText: '登记' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await item.getByRole('link', { name: /市防指副总指挥 钱九/ }).click();
    await page
      .locator('[data-testid=instruction][aria-current=true]', { hasText: '钱九' })
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('tells a unit whose link was altered that it is invalid', async () => {
    const token = await apiLogin(server.url, 'duty');
    const reg = await apiPost(server.url, '/api/instructions', token, {
      fromName: '李四',
      fromTitle: '区长',
      fromLevel: 'district',
      receivedAt: new Date().toISOString(),
      receivedVia: 'document',
      text: '请区应急管理局报告值守情况',
    });
    const ins = (await reg.json()) as InstructionDto;
    const res = await apiPost(server.url, `/api/instructions/${ins.id}/assign`, token, {
      units: [{ name: '区应急管理局', kind: 'department', phone: '075527000009' }],
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const link = ((await res.json()) as InstructionDto).assignments[0]!.link;
    // A character inside the signature, altered (any but the last, whose low bits are unused).
    const at = link.length - 5;
    const forged = `${link.slice(0, at)}${link[at] === 'A' ? 'B' : 'A'}${link.slice(at + 1)}`;
    const unit = await browser.newPage();
    await unit.goto(`${server.url}${new URL(forged).pathname}`);
    await unit
      .locator('[data-testid=answer-page] [role=alert]')
      .getByText('反馈链接无效')
      .waitFor();
  });
});
