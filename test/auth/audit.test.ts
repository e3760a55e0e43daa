import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCreditCode } from '../../src/demo/check-digits';
import { cycleRecord, enterpriseRecord, expertRecord } from '../fixtures/records';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.cleanup());

const auditOf = (entity: string, entityId: string) => t.services.auth.audit.list({ entity, entityId, limit: 50 });

describe('audit log', () => {
  it('records every successful staff and portal write with who, what and which region', async () => {
    const admin = await t.asAdmin();
    const reviewer = await t.asReviewer('330303');
    const portal = await t.asPortal('表单门户');
    await t.app.inject({ method: 'POST', url: '/v1/experts', headers: admin, payload: expertRecord() });
    await t.app.inject({ method: 'PUT', url: '/v1/cycles/test-2026', headers: admin, payload: cycleRecord() });
    await t.app.inject({ method: 'POST', url: '/v1/enterprises', headers: portal, payload: enterpriseRecord() });
    const ent = enterpriseRecord({ creditCode: '91330303MA2AB0002Y', region: '330303' });
    await t.app.inject({ method: 'POST', url: '/v1/enterprises', headers: reviewer, payload: ent });
    await t.app.inject({ method: 'PUT', url: `/v1/enterprises/${ent.creditCode}`, headers: reviewer, payload: { ...ent, employees: 7 } });

    // The write, and the intake review's own entry for the form it submitted.
    expect(auditOf('experts', 'EXP-0001')).toEqual([
      expect.objectContaining({ actor: 'test-admin', actorRole: 'admin', action: 'create', note: 'inserted' }),
      expect.objectContaining({ actor: 'test-admin', actorRole: 'admin', action: 'intake.submit', after: { status: 'submitted', reason: null } }),
    ]);
    expect(auditOf('cycles', 'test-2026')).toEqual([
      expect.objectContaining({ actor: 'test-admin', action: 'create', before: {}, after: expect.objectContaining({ id: 'test-2026' }) }),
    ]);
    expect(auditOf('enterprises', '91330302MA2AB0001X')).toEqual([
      expect.objectContaining({ actorRole: 'portal', actor: expect.stringMatching(/^portal:表单门户#/), regionCode: '330302' }),
    ]);
    expect(auditOf('enterprises', ent.creditCode).map((e) => [e.actor, e.action, e.regionCode, e.note])).toEqual([
      ['test-reviewer-330303', 'update', '330303', 'updated'],
      ['test-reviewer-330303', 'create', '330303', 'inserted'],
    ]);
  });

  it('records the changed fields before and after: a reviewer who deletes a credit record is on the trail', async () => {
    const reviewer = await t.asReviewer('330303');
    const ent = enterpriseRecord({
      creditCode: buildCreditCode('330303', 'MA2AB009'),
      region: '330303',
      creditIssues: [{ kind: '重大税收违法失信', date: '2025-03-01', note: '欠税' }],
    });
    const created = await t.app.inject({ method: 'POST', url: '/v1/enterprises', headers: reviewer, payload: ent });
    expect(created.statusCode, created.body).toBe(201);
    const rest = { ...ent, creditIssues: [] as unknown[] };
    const updated = await t.app.inject({ method: 'PUT', url: `/v1/enterprises/${ent.creditCode}`, headers: reviewer, payload: { ...rest, employees: 99 } });
    expect(updated.statusCode, updated.body).toBe(200);
    const [update] = auditOf('enterprises', ent.creditCode);
    expect(update).toMatchObject({ action: 'update', actor: 'test-reviewer-330303' });
    expect(update.before).toEqual({ creditIssues: [expect.objectContaining({ kind: '重大税收违法失信' })], employees: 120 });
    expect(update.after).toEqual({ creditIssues: [], employees: 99 });
    // One entry per change: the access hook adds none of its own.
    expect(auditOf('enterprises', ent.creditCode)).toHaveLength(2);
    // An identical PUT changes nothing and is not an entry.
    await t.app.inject({ method: 'PUT', url: `/v1/enterprises/${ent.creditCode}`, headers: reviewer, payload: { ...rest, employees: 99 } });
    expect(auditOf('enterprises', ent.creditCode)).toHaveLength(2);
  });

  it('rolls the change back when its audit entry cannot be written (REST and bulk import)', async () => {
    const admin = await t.asAdmin();
    // A trigger that makes every audit insert fail, as a full disk or a broken chain would.
    t.db.$client.exec(`CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END`);
    try {
      const res = await t.app.inject({ method: 'POST', url: '/v1/experts', headers: admin, payload: expertRecord({ externalId: 'EXP-NOAUDIT' }) });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      const { importRows } = await import('../../src/intake/bulk-import.service');
      const { readJsonLines } = await import('../../src/intake/import-file.reader');
      const summary = importRows(
        { intake: t.services.intake, transaction: t.runtime.transaction },
        'experts',
        readJsonLines(JSON.stringify(expertRecord({ externalId: 'EXP-NOAUDIT2' }))),
      );
      expect(summary.inserted).toBe(0);
    } finally {
      t.db.$client.exec('DROP TRIGGER test_audit_fails');
    }
    expect(t.services.reader.exists('experts', 'EXP-NOAUDIT')).toBe(false);
    expect(t.services.reader.exists('experts', 'EXP-NOAUDIT2')).toBe(false);
  });

  it('does not record refused or failed writes', async () => {
    const viewer = await t.asViewer();
    const admin = await t.asAdmin();
    await t.app.inject({ method: 'POST', url: '/v1/experts', headers: viewer, payload: expertRecord({ externalId: 'EXP-V' }) });
    await t.app.inject({ method: 'POST', url: '/v1/experts', headers: admin, payload: expertRecord({ externalId: 'EXP-BAD', region: '999999' }) });
    expect(auditOf('experts', 'EXP-V')).toEqual([]);
    expect(auditOf('experts', 'EXP-BAD')).toEqual([]);
  });

  it('records login success, login failure and logout', async () => {
    await t.createStaff('auditee', 'reviewer', '330302');
    await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'auditee', password: 'wrong-password!' } });
    await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'ghost', password: 'whatever-pass' } });
    const s = await t.login('auditee', TEST_PASSWORD);
    await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: s.headers });
    expect(auditOf('user', 'auditee').map((e) => e.action)).toEqual(['auth.logout', 'auth.login', 'auth.login_failed', 'user.create']);
    expect(auditOf('user', 'auditee').at(-1)).toMatchObject({ before: {}, after: { username: 'auditee', role: 'reviewer', region: '330302' } });
    expect(JSON.stringify(auditOf('user', 'auditee').at(-1))).not.toMatch(/scrypt/);
    expect(auditOf('user', 'ghost').map((e) => [e.action, e.actorRole])).toEqual([['auth.login_failed', 'anonymous']]);
    expect(auditOf('user', 'auditee')[1].regionCode).toBe('330302');
  });

  it('serves GET /v1/audit: everything to the administrator, only their county to a reviewer, nothing to viewers', async () => {
    const admin = await t.asAdmin();
    const all = (await t.app.inject({ method: 'GET', url: '/v1/audit?limit=500', headers: admin })).json().items;
    expect(new Set(all.map((e: { regionCode: string | null }) => e.regionCode))).toEqual(new Set([null, '330302', '330303']));
    const filtered = (await t.app.inject({ method: 'GET', url: '/v1/audit?entity=experts&entityId=EXP-0001', headers: admin })).json().items;
    expect(filtered).toHaveLength(2);

    const reviewer = await t.asReviewer('330303');
    const own = (await t.app.inject({ method: 'GET', url: '/v1/audit?limit=500', headers: reviewer })).json().items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e: { regionCode: string }) => e.regionCode === '330303')).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/v1/audit?region=330302', headers: reviewer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/audit', headers: await t.asViewer() })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/audit', headers: await t.asPortal() })).statusCode).toBe(403);
  });

  it('cannot be updated or deleted: the database triggers refuse', () => {
    const sqlite = t.db.$client;
    const before = sqlite.prepare('select count(*) as n from audit_log').get() as { n: number };
    expect(before.n).toBeGreaterThan(0);
    expect(() => sqlite.prepare("update audit_log set actor = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect((sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBe(before.n);
    expect(sqlite.prepare("select count(*) as n from audit_log where actor = 'someone-else'").get()).toEqual({ n: 0 });
  });

  it('exposes only append and list on the repository', () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(t.services.auth.audit)).filter((m) => m !== 'constructor');
    expect(methods.sort()).toEqual(['append', 'list']);
  });
});
