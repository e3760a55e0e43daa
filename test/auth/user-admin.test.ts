import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { silentLogger } from '../helpers/test-runtime';

const by = { actor: 'cli:test', actorRole: 'cli' };
let t: TestApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const whoAmI = (headers: Record<string, string>) => t!.app.inject({ method: 'GET', url: '/v1/auth/me', headers });

describe('operator account changes (UserAdminService)', () => {
  it('creates an account with an audit entry, and lists accounts without password hashes', async () => {
    t = await createTestApp();
    const admin = t.services.userAdmin;
    await admin.create({ username: 'lc-reviewer', displayName: '鹿城审核员', role: 'reviewer', region: '330302', password: 'a-long-password-1' }, by);
    await expect(admin.create({ username: 'lc-reviewer', displayName: 'x', role: 'viewer', password: 'a-long-password-1' }, by)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(admin.list()).toEqual([expect.objectContaining({ username: 'lc-reviewer', role: 'reviewer', region: '330302', disabled: false })]);
    expect(JSON.stringify(admin.list())).not.toContain('scrypt');
    const entry = t.services.auth.audit.list({ entity: 'user', limit: 10 })[0];
    expect(entry).toMatchObject({ action: 'user.create', entityId: 'lc-reviewer', actor: 'cli:test', regionCode: '330302' });
  });

  it('disabling ends the sessions at once; reset-password and end-sessions log the user out, all audited', async () => {
    t = await createTestApp();
    const admin = t.services.userAdmin;
    await t.createStaff('someone', 'viewer');
    const s1 = await t.login('someone');
    expect((await whoAmI(s1.headers)).statusCode).toBe(200);

    expect(admin.endSessions('someone', by)).toEqual({ username: 'someone', sessionsEnded: 1 });
    expect((await whoAmI(s1.headers)).statusCode).toBe(401);

    const s2 = await t.login('someone');
    expect(await admin.resetPassword('someone', 'another-long-password', by)).toEqual({ username: 'someone', sessionsEnded: 1 });
    expect((await whoAmI(s2.headers)).statusCode).toBe(401);
    await expect(t.login('someone')).rejects.toThrow(/401/);
    const s3 = await t.login('someone', 'another-long-password');
    await expect(admin.resetPassword('someone', 'short', by)).rejects.toMatchObject({ code: 'INVALID_ACCOUNT' });

    expect(admin.setDisabled('someone', true, by)).toMatchObject({ disabled: true, sessionsEnded: 1 });
    expect((await whoAmI(s3.headers)).statusCode).toBe(401);
    await expect(t.login('someone', 'another-long-password')).rejects.toThrow(/401/);
    admin.setDisabled('someone', false, by);
    await t.login('someone', 'another-long-password');

    expect(() => admin.endSessions('nobody', by)).toThrow(/用户不存在/);
    const actions = t.services.auth.audit
      .list({ entity: 'user', entityId: 'someone', limit: 20 })
      .map((e) => e.action)
      .filter((a) => a.startsWith('user.'))
      .reverse();
    expect(actions).toEqual(['user.create', 'user.end-sessions', 'user.reset-password', 'user.disable', 'user.enable']);
    expect(JSON.stringify(t.services.auth.audit.list({ entity: 'user', limit: 20 }))).not.toContain('another-long-password');
  });
});

describe('npm run user (scripts/user.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kjfz-user-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], input?: string) =>
    execFileSync('npx', ['tsx', 'scripts/user.ts', ...args], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, input, encoding: 'utf8' });

  it('creates with a generated password printed once or one read from stdin, and the passwords work', async () => {
    const created = JSON.parse(run(['create', '--username', 'ops-admin', '--role', 'admin']));
    expect(created).toMatchObject({ username: 'ops-admin', role: 'admin', region: null });
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const fromStdin = JSON.parse(run(['create', '--username', 'ops-viewer', '--role', 'viewer', '--password-stdin'], 'piped-password-123\n'));
    expect(fromStdin).not.toHaveProperty('password');
    const listed = run(['list'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { username: string });
    expect(listed.map((u) => u.username)).toEqual(['ops-admin', 'ops-viewer']);
    expect(run(['list'])).not.toContain(created.password);

    const runtime = createRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { logger: silentLogger });
    try {
      expect(await runtime.services.accounts.verifyCredentials('ops-admin', created.password)).toBeTruthy();
      expect(await runtime.services.accounts.verifyCredentials('ops-viewer', 'piped-password-123')).toBeTruthy();
      expect(runtime.services.auth.audit.list({ entity: 'user', limit: 10 }).map((e) => e.actor)).toEqual([expect.stringMatching(/^cli:/), expect.stringMatching(/^cli:/)]);
    } finally {
      await runtime.close();
    }
  }, 60_000);
});
