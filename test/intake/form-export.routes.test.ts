import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { cycleRecord, demandRecord, enterpriseRecord } from '../fixtures/records';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.services.intake.saveCycle(cycleRecord());
  t.services.intake.save('enterprises', enterpriseRecord());
  t.services.intake.save('demands', demandRecord({ namedCandidates: [] }));
});
afterAll(async () => t.cleanup());

const url = (region: string, q = '') => `/v1/cycles/test-2026/regions/${region}/demand-summary.xlsx${q}`;

describe('GET /v1/cycles/:cycle/regions/:region/demand-summary.xlsx (附件2 before matching)', () => {
  it('gives the county’s reviewer an XLSX with the header fields filled in', async () => {
    const res = await t.app.inject({ method: 'GET', url: url('330302', '?filler=张三&phone=0577-88880000&date=2026-03-05'), headers: await t.asReviewer('330302') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('选派需求汇总表'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A2').value)).toMatch(/填报单位（加盖公章）：鹿城区.*填报人：张三.*联系方式：0577-88880000.*填报日期：2026-03-05/);
    expect(ws.getCell('C5').value).toBe('温州瓯能储能科技有限公司');
    expect(ws.getCell('P5').value).toBe('√');
  });

  it('refuses another county’s reviewer (403), portals (403), an unknown cycle (404) and a bad date (400)', async () => {
    expect((await t.app.inject({ method: 'GET', url: url('330302'), headers: await t.asReviewer('330303') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: url('330302'), headers: await t.asPortal() })).statusCode).toBe(403);
    const missing = await t.app.inject({ method: 'GET', url: '/v1/cycles/nope/regions/330302/demand-summary.xlsx', headers: await t.asAdmin() });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('CYCLE_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: url('330302', '?date=2026-13-01'), headers: await t.asAdmin() })).statusCode).toBe(400);
  });
});
