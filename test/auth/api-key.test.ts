import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../src/db/schema';
import { enterpriseRecord } from '../fixtures/records';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const by = { actor: 'cli:test', actorRole: 'cli' };

beforeAll(async () => {
  t = await createTestApp({ auth: { portalRateLimit: { max: 5, timeWindowMs: 60_000 } } });
});
afterAll(async () => t.cleanup());

const callWith = (key: string, url = '/v1/regions') => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

describe('portal API keys', () => {
  it('creates a key of the form kjfz_<id>_<secret> that authenticates a portal', async () => {
    const { id, key } = t.services.auth.apiKeys.create('区县填报门户', by);
    expect(key).toMatch(new RegExp(`^kjfz_${id}_[\\w-]{43}$`));
    const res = await t.app.inject({ method: 'POST', url: '/v1/enterprises', headers: { authorization: `Bearer ${key}` }, payload: enterpriseRecord() });
    expect(res.statusCode).toBe(201);
  });

  it('never stores the key or its secret in plaintext, only its sha256', () => {
    const { id, key } = t.services.auth.apiKeys.create('plaintext-check', by);
    const secret = key.split('_').slice(2).join('_');
    const row = t.db
      .select()
      .from(apiKeys)
      .all()
      .find((r) => r.id === id)!;
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(t.db.$client.prepare('select * from api_keys').all());
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(key);
    expect(JSON.stringify(t.services.auth.apiKeys.list())).not.toContain(row.keyHash);
  });

  it('answers 401 UNAUTHORIZED in Chinese for missing, malformed, unknown and tampered keys', async () => {
    const { key } = t.services.auth.apiKeys.create('tamper', by);
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    for (const authorization of [undefined, 'Bearer', 'Bearer nonsense', `Basic ${key}`, `Bearer kjfz_000000000000_${'a'.repeat(43)}`, `Bearer ${tampered}`]) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/regions', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHORIZED');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    expect((await callWith(tampered)).json().message).toBe('缺少或无效的 API 密钥');
  });

  it('refuses a revoked key with 401 and records create and revoke in the audit log', async () => {
    const { id, key } = t.services.auth.apiKeys.create('to-revoke', by);
    expect((await callWith(key)).statusCode).toBe(200);
    expect(t.services.auth.apiKeys.revoke(id, by)).toBe(true);
    expect(t.services.auth.apiKeys.revoke(id, by)).toBe(false);
    const res = await callWith(key);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHORIZED', message: '缺少或无效的 API 密钥' });
    const actions = t.services.auth.audit.list({ entity: 'api_key', entityId: id, limit: 10 }).map((e) => e.action);
    expect(actions).toEqual(['apikey.revoke', 'apikey.create']);
  });

  it('judges a request carrying a key by the key alone, ignoring a staff cookie alongside it', async () => {
    const admin = await t.asAdmin();
    const res = await t.app.inject({ method: 'GET', url: '/v1/experts', headers: { ...admin, authorization: 'Bearer invalid' } });
    expect(res.statusCode).toBe(401);
  });

  it('rate-limits each key separately and answers 429 RATE_LIMITED in Chinese', async () => {
    const a = t.services.auth.apiKeys.create('busy', by).key;
    const b = t.services.auth.apiKeys.create('quiet', by).key;
    for (let i = 0; i < 5; i++) expect((await callWith(a)).statusCode).toBe(200);
    const limited = await callWith(a);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: 'API 密钥请求过于频繁，请稍后再试' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await callWith(b)).statusCode).toBe(200);
  });

  it('records when a key was last used', async () => {
    const { id, key } = t.services.auth.apiKeys.create('usage', by);
    expect(t.services.auth.apiKeys.list().find((k) => k.id === id)!.lastUsedAt).toBeNull();
    await callWith(key);
    expect(t.services.auth.apiKeys.list().find((k) => k.id === id)!.lastUsedAt).toMatch(/^\d{4}-/);
  });
});
